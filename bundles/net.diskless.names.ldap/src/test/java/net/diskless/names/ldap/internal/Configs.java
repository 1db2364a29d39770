package net.diskless.names.ldap.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Test configurations: the annotation's defaults, with some attributes replaced (what SCR does from a .cfg). */
final class Configs {

    private Configs() {
    }

    static LdapNameSource.Config ldap(Map<String, Object> values) {
        return (LdapNameSource.Config) Proxy.newProxyInstance(LdapNameSource.Config.class.getClassLoader(),
                new Class<?>[] {LdapNameSource.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
