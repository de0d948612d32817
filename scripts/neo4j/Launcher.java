// Runs Neo4j Community in this JVM with Bolt on a loopback port and authentication on.
//
// Usage: java -cp "lib/*:classes" Launcher HOME PORT PASSWORD_FILE
// HOME holds data, logs and transaction logs. The neo4j user's password is set from
// PASSWORD_FILE (before Bolt opens) whenever the data folder does not have it yet, so a
// fresh HOME needs no admin tool.
// Stops cleanly on SIGTERM/SIGINT through the shutdown hook.

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public final class Launcher {
    private Launcher() {}

    private static String sha256(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }

    private static Path writeConf(Path file, Map<String, String> config) throws Exception {
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder("# Written by scripts/neo4j/Launcher.java on each start.\n");
        config.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        return file;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME PORT PASSWORD_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String address = "127.0.0.1:" + Integer.parseInt(args[1]);
        String password = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();

        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", address);
        config.put("server.bolt.advertised_address", address);
        config.put("dbms.security.auth_enabled", "true");
        // Modest memory by default (the machine is small and shared); NEO4J_PAGECACHE
        // raises it (a bulk load of a graph bigger than the page cache evicts as it writes).
        config.put("server.memory.pagecache.size", System.getenv().getOrDefault("NEO4J_PAGECACHE", "512m"));
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        // No usage reports: this server never talks to anything but its clients.
        config.put("dbms.usage_report.enabled", "false");
        config.put("internal.dbms.usage_report.udc_network_enabled", "false");

        // The embedded builder takes string settings only from a file: write them.
        Path conf = writeConf(home.resolve("conf").resolve("neo4j.conf"), config);
        config.put("server.bolt.enabled", "false");
        Path setupConf = writeConf(home.resolve("conf").resolve("neo4j-setup.conf"), config);

        // The password is set with Bolt still closed, so no client ever sees the default
        // one; a marker remembers which password the data folder already has.
        Path marker = home.resolve("data").resolve("innograph-password.sha256");
        String digest = sha256(password);
        if (!Files.exists(marker) || !Files.readString(marker).strip().equals(digest)) {
            DatabaseManagementService closed =
                    new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(setupConf).build();
            try {
                closed.database("system").executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
            } catch (RuntimeException err) {
                // Neo4j refuses to "change" a password to the one it already has: fine.
                if (!String.valueOf(err.getMessage()).contains("cannot be the same")) {
                    throw err;
                }
            } finally {
                closed.shutdown();
            }
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, digest + "\n", StandardCharsets.UTF_8);
        }

        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "innograph-neo4j-shutdown"));
        System.out.println("innograph-neo4j: bolt://" + address + " ready");
        System.out.flush();
        stopped.await();
    }
}
