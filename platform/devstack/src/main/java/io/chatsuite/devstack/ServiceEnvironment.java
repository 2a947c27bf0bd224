package io.chatsuite.devstack;

import java.util.List;

/**
 * The names under which every service, the launcher, docker-compose and Kubernetes pass infrastructure addresses.
 * One set of names everywhere: the services read exactly these in their application.properties.
 */
public final class ServiceEnvironment {

    public static final String POSTGRES_HOST = "POSTGRES_HOST";
    public static final String POSTGRES_PORT = "POSTGRES_PORT";
    public static final String POSTGRES_USER = "POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_REGION = "S3_REGION";
    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_ACCESS_KEY_ID = "S3_ACCESS_KEY_ID";
    public static final String S3_SECRET_ACCESS_KEY = "S3_SECRET_ACCESS_KEY";

    /** Settings that, when given, point the stack at infrastructure it must not start itself. */
    public static final List<String> EXTERNAL_SETTINGS = List.of(
            POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD, REDIS_URL, KAFKA_BOOTSTRAP_SERVERS,
            S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY);

    private ServiceEnvironment() {
    }
}
