package net.diskless.names.ldap.internal;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/** The configured search filters, checked once at activation; {@code {0}} takes the escaped value asked for. */
record Filters(Template ethersByMac, Template ethersByName, Template hostsByName, Template hostsByAddress,
               Template bootparams, Template bootptabByMac, Template bootptabByName) {

    /** A filter with one {@code {0}} placeholder. */
    record Template(String text) {
        Template {
            if (!text.contains("{0}")) {
                throw new IllegalArgumentException("filter " + text + " has no {0} for the value asked for");
            }
            try {
                Filter.create(text.replace("{0}", "x"));
            } catch (LDAPException e) {
                throw new IllegalArgumentException("bad filter " + text + ": " + e.getMessage());
            }
        }

        /** The filter for {@code value}, escaped as RFC 4515 asks (a {@code *} or {@code )} in a name stays literal). */
        Filter with(String value) {
            try {
                return Filter.create(text.replace("{0}", Filter.encodeValue(value)));
            } catch (LDAPException e) {
                throw new IllegalStateException("checked at activation: " + text, e);
            }
        }
    }

    static Filters of(LdapNameSource.Config c) {
        return new Filters(new Template(c.ethersByMacFilter()), new Template(c.ethersByNameFilter()),
                new Template(c.hostsByNameFilter()), new Template(c.hostsByAddressFilter()),
                new Template(c.bootparamsFilter()), new Template(c.bootptabByMacFilter()),
                new Template(c.bootptabByNameFilter()));
    }
}
