/** Boot events: EventAdmin topics and properties every protocol posts, so a timeline of each boot can be built. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.events;
