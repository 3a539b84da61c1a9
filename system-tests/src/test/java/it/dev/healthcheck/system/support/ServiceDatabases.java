package it.dev.healthcheck.system.support;

import java.util.Map;

/**
 * Where the replicas of each service keep their data: one database and one login per service, shared by
 * that service's replicas. Which database engine it is stays the test topology's parameter.
 */
public interface ServiceDatabases {

    /** The environment a server of {@code service} needs to reach its own database with its own login. */
    Map<String, String> environmentOf(String service);
}
