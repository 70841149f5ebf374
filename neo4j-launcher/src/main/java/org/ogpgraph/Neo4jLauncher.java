package org.ogpgraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j Community in-process with Bolt on 127.0.0.1 and auth disabled, prints
 * {@code NEO4J_READY bolt://127.0.0.1:PORT} on stdout, then waits for SIGTERM/SIGINT
 * (or, with {@code --wait-stdin}, for EOF on stdin).
 * Usage: {@code [--port N] [--data DIR] [--wait-stdin]}; port 0 (default) = any free port,
 * no --data = a temp dir that is deleted on exit.
 */
public final class Neo4jLauncher {

    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms; // guarded by LOCK
    private static volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        boolean waitStdin = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data" -> data = Path.of(args[++i]);
                    case "--wait-stdin" -> waitStdin = true;
                    default -> throw new IllegalArgumentException(args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: Neo4jLauncher [--port N] [--data DIR] [--wait-stdin]");
            System.exit(2);
        }
        // stdout carries only the READY line; anything else written to it goes to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        boolean throwaway = data == null;
        Path home = throwaway ? Files.createTempDirectory("ogp-neo4j-") : data;
        // Registered before start-up; LOCK makes a signal during start-up wait for it, then stop cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            synchronized (LOCK) {
                if (dbms != null) {
                    try {
                        dbms.shutdown();
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                    }
                }
                if (throwaway) {
                    deleteTree(home);
                }
            }
        }, "neo4j-launcher-shutdown"));

        try {
            synchronized (LOCK) {
                dbms = new DatabaseManagementServiceBuilder(home)
                        .setConfig(GraphDatabaseSettings.auth_enabled, false)
                        .setConfig(BoltConnector.enabled, true)
                        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(512))
                        .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(256))
                        .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                        .setConfig(GraphDatabaseSettings.udc_enabled, false)
                        // Netty's default 5 s quiet period per event loop group makes shutdown take ~10 s.
                        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                        .build();
                GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
                if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
                    throw new IllegalStateException("default database did not become available");
                }
                // With port 0 Neo4j binds an ephemeral port itself; ask which one (no pick-then-bind race).
                int boltPort = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                        .getLocalAddress(ConnectorType.BOLT).getPort();
                if (!stopping) {
                    protocol.println("NEO4J_READY bolt://127.0.0.1:" + boltPort);
                    protocol.flush();
                }
            }
        } catch (Throwable t) {
            System.err.println("neo4j-launcher: start-up failed; logs: " + home.resolve("logs/debug.log")
                    + (throwaway ? " (deleted; pass --data DIR to keep them)" : ""));
            t.printStackTrace();
            System.exit(1);
        }

        if (waitStdin) {
            byte[] buf = new byte[512];
            while (System.in.read(buf) >= 0) {
                // discard input; only EOF matters
            }
            System.exit(0); // runs the shutdown hook
        }
        Thread.currentThread().join(); // until SIGTERM/SIGINT
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("neo4j-launcher: could not delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("neo4j-launcher: could not clean " + root + ": " + e);
        }
    }
}
