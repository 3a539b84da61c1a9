package dev.healthcheck.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which credentials each pod of the chart must read, and from where: the least each process needs.
 * Written from the servers' configuration (liberty-config's users.xml and database-network.xml, the
 * callers' users in schedule's and reservation's server.xml, service-kit's ServiceCredentials), not from
 * the chart.
 */
final class Credentials {

    /** The users every service's registry verifies (liberty-config users.xml). */
    static final List<String> USERS = List.of("ADMIN_PASSWORD", "CUSTOMER_ALICE_PASSWORD", "CUSTOMER_BOB_PASSWORD");

    /** A service's own identity, which it presents when it calls another (ServiceCredentials). */
    static final List<String> SERVICE_IDENTITY = List.of("SERVICE_USER", "SERVICE_PASSWORD");

    /** The Derby network server's own login: the owner of its credentials database, who makes the services' logins. */
    static final List<String> DATABASE_ADMINISTRATOR = List.of("DB_ADMIN_USER", "DB_ADMIN_PASSWORD");

    /** The services that call another, each with its own identity. */
    static final List<String> CALLING_SERVICES = List.of("reservation", "schedule", "delivery");

    /** Whose identities a service's registry verifies: its callers'. */
    static final Map<String, List<String>> CALLERS = Map.of(
            "schedule", List.of("reservation"),
            "reservation", List.of("schedule", "delivery"));

    static final List<String> BROKER_OPERATOR = List.of("ARTEMIS_OPERATOR_USER", "ARTEMIS_OPERATOR_PASSWORD");

    /** The keys of the one Secret (generated, or secrets.existingSecret). */
    static final List<String> SINGLE_SECRET_KEYS;

    static {
        List<String> keys = new ArrayList<>();
        Rendered.SERVICES.forEach(service -> keys.add(brokerPasswordOf(service)));
        keys.addAll(BROKER_OPERATOR);
        keys.addAll(DATABASE_ADMINISTRATOR);
        Rendered.SERVICES.forEach(service -> keys.add(databasePasswordOf(service)));
        keys.addAll(USERS);
        CALLING_SERVICES.forEach(service -> keys.addAll(identityOf(service)));
        SINGLE_SECRET_KEYS = List.copyOf(keys);
    }

    private Credentials() {
    }

    /** The broker password of a service as the broker reads it, and as the one Secret names it. */
    static String brokerPasswordOf(String service) {
        return "ARTEMIS_PASSWORD_" + service.toUpperCase(Locale.ROOT);
    }

    /** The database password of a service as Derby reads it, and as the one Secret names it. */
    static String databasePasswordOf(String service) {
        return "DB_PASSWORD_" + service.toUpperCase(Locale.ROOT);
    }

    /** A calling service's identity as its callees read it, and as the one Secret names it. */
    static List<String> identityOf(String service) {
        String prefix = service.toUpperCase(Locale.ROOT) + "_";
        return SERVICE_IDENTITY.stream().map(key -> prefix + key).toList();
    }

    /**
     * What a service's server reads: its own broker password, its own database password (network only;
     * the login is named after the service, in the ConfigMap), the users, its own identity if it calls
     * another service, its callers' identities.
     */
    static List<String> ofService(String service, boolean networkDatabase) {
        List<String> keys = new ArrayList<>(List.of("ARTEMIS_PASSWORD"));
        if (networkDatabase) {
            keys.add("DB_PASSWORD");
        }
        keys.addAll(USERS);
        if (CALLING_SERVICES.contains(service)) {
            keys.addAll(SERVICE_IDENTITY);
        }
        CALLERS.getOrDefault(service, List.of()).forEach(caller -> keys.addAll(identityOf(caller)));
        return keys;
    }

    /**
     * Every credential one pod reads, by environment variable, with the Secret and key it must come
     * from, for a value set's layout: owners are the services, artemis and derby.
     */
    static Map<String, Rendered.FromSecret> expected(String pod, Layout layout, boolean networkDatabase) {
        Map<String, Rendered.FromSecret> expected = new LinkedHashMap<>();
        if (Rendered.SERVICES.contains(pod)) {
            ofService(pod, networkDatabase).forEach(key -> expected.put(key, layout.source(pod, key)));
        } else if (pod.equals("artemis")) {
            BROKER_OPERATOR.forEach(key -> expected.put(key, layout.source("artemis", key)));
            Rendered.SERVICES.forEach(service ->
                    expected.put(brokerPasswordOf(service), layout.source(service, "ARTEMIS_PASSWORD")));
        } else if (pod.equals("derby")) {
            DATABASE_ADMINISTRATOR.forEach(key -> expected.put(key, layout.source("derby", key)));
            Rendered.SERVICES.forEach(service ->
                    expected.put(databasePasswordOf(service), layout.source(service, "DB_PASSWORD")));
        } else if (pod.equals("smoke-test")) {
            List.of("ADMIN_PASSWORD", "CUSTOMER_ALICE_PASSWORD")
                    .forEach(key -> expected.put(key, layout.source("reservation", key)));
        } else {
            throw new IllegalArgumentException(pod);
        }
        return expected;
    }

    /** Where credentials live: one Secret for all, or one per owner (values/per-service-secrets.yaml). */
    record Layout(String single, Map<String, String> perOwner) {

        static final Layout GENERATED = new Layout("healthcheck-credentials", Map.of());

        static Layout of(String valueSet) {
            return switch (valueSet) {
                case "existing-secret.yaml" -> new Layout("checkups-credentials", Map.of());
                case "per-service-secrets.yaml" -> new Layout(null, Map.of(
                        "schedule", "checkups-schedule", "reservation", "checkups-reservation",
                        "delivery", "checkups-delivery", "mypage", "checkups-mypage",
                        "artemis", "checkups-artemis", "derby", "checkups-derby"));
                default -> GENERATED;
            };
        }

        Rendered.FromSecret source(String owner, String key) {
            if (single == null) {
                return new Rendered.FromSecret(perOwner.get(owner), key);
            }
            if (SERVICE_IDENTITY.contains(key)) {
                return new Rendered.FromSecret(single, owner.toUpperCase(Locale.ROOT) + "_" + key);
            }
            return new Rendered.FromSecret(single, switch (key) {
                case "ARTEMIS_PASSWORD" -> brokerPasswordOf(owner);
                case "DB_PASSWORD" -> databasePasswordOf(owner);
                default -> key;
            });
        }
    }
}
