package io.chatsuite.devstack.launcher;

import java.nio.file.Path;

/**
 * What the launcher was asked to do.
 *
 * @param infraOnly     start only PostgreSQL, Redis, Kafka and S3, for {@code ./mvnw quarkus:dev} on one service
 * @param dataDirectory where all state and logs live; kept across runs
 * @param projectRoot   the checkout whose built services are run
 * @param freePorts     give the services free ports instead of 8080-8084 (tests that run beside a dev suite)
 * @param gateways      how many gateway nodes to run, to see the multi-node path locally
 * @param chatServices  how many chat-service replicas to run in one consumer group, to see partitions shared and
 *                      handed over when one dies
 */
record LaunchOptions(boolean infraOnly, Path dataDirectory, Path projectRoot, boolean freePorts, int gateways,
                     int chatServices) {

    static final String USAGE = """
            usage: chat-suite [up | infra] [--data DIR] [--free-ports] [--gateways N] [--chat-services N] [--rebuild]
              up            start PostgreSQL, Redis, Kafka and all five services (default)
              infra         start only PostgreSQL, Redis, Kafka and S3, and write each service's .env for quarkus:dev
              --data DIR    where data and logs live (default: ./data); kept across runs
              --free-ports  run the services on free ports instead of 8080-8084
              --gateways N  run N gateway nodes (default 1; the first on 8080, the others on free ports)
              --chat-services N
                            run N chat-service replicas sharing chat.commands' partitions (default 1; the first on
                            8082, the others on free ports)
              --rebuild     build the suite before starting it (it is built anyway when a jar is missing)
              --help        this text""";

    /**
     * Checks the arguments without starting anything: prints the usage for {@code --help}, or the mistake and the
     * usage with status 2; prints nothing when the arguments are good. {@code ./chat-suite} runs this from its
     * source before it builds anything, so help and mistakes answer at once on a fresh checkout.
     */
    public static void main(String[] args) {
        if (helpRequested(args)) {
            System.out.println(USAGE);
            return;
        }
        try {
            parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static boolean helpRequested(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    static LaunchOptions parse(String[] args) {
        Path root = Path.of(System.getProperty("devstack.root", ".")).toAbsolutePath().normalize();
        boolean infraOnly = false;
        boolean freePorts = false;
        int gateways = 1;
        int chatServices = 1;
        Path data = root.resolve("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> infraOnly = false;
                case "infra" -> infraOnly = true;
                case "--free-ports" -> freePorts = true;
                case "--gateways" -> gateways = count(args, ++i, "--gateways");
                case "--chat-services" -> chatServices = count(args, ++i, "--chat-services");
                case "--data" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--data needs a directory");
                    }
                    data = Path.of(args[++i]).toAbsolutePath().normalize();
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        return new LaunchOptions(infraOnly, data, root, freePorts, gateways, chatServices);
    }

    /** The number of instances an option asks for: one digit, 1 to 9 (a laptop's worth). */
    private static int count(String[] args, int index, String option) {
        if (index == args.length || !args[index].matches("[1-9]")) {
            throw new IllegalArgumentException(option + " needs a number from 1 to 9");
        }
        return Integer.parseInt(args[index]);
    }
}
