package io.zkoam.agent;

import io.zkoam.agent.cli.Flags;
import io.zkoam.agent.cli.UsageException;
import io.zkoam.agent.init.InitCommand;
import io.zkoam.agent.init.InitException;
import io.zkoam.agent.init.InitOptions;
import io.zkoam.agent.serve.AgentHttpServer;
import io.zkoam.agent.serve.ServeOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar zkoam-agent.jar init|serve [--flag=value ...]} (docs/agent.md). Exit codes: 0 ok, 1 failed,
 * 2 refused by the stale-volume guard, 64 bad usage.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.getenv());
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs a mode; returns the exit code ({@code serve} returns only when the JVM shuts down). */
    static int run(String[] args, Map<String, String> env) {
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        if (args.length == 0) {
            System.err.println(usage());
            return UsageException.EXIT_CODE;
        }
        String mode = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (mode) {
                case "init" -> {
                    InitCommand.run(InitOptions.from(Flags.parse(rest, env)));
                    return 0;
                }
                case "serve" -> {
                    serve(ServeOptions.from(Flags.parse(rest, env)));
                    return 0;
                }
                default -> throw new UsageException("unknown mode '" + mode + "'\n" + usage());
            }
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            return UsageException.EXIT_CODE;
        } catch (InitException e) {
            log.error("init failed: {}", e.getMessage());
            return e.exitCode();
        } catch (Exception e) {
            log.error("{} failed", mode, e);
            return 1;
        }
    }

    private static void serve(ServeOptions options) throws Exception {
        AgentHttpServer server = AgentHttpServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "agent-shutdown"));
        stopped.await();
    }

    private static String usage() {
        return """
            usage: java -jar zkoam-agent.jar init  [--pod-name --namespace --pod-ip --data-dir --config-in --secret-dir ...]
                   java -jar zkoam-agent.jar serve [--listen --zk-address --secret-dir --pod-name ...]
            every flag also reads an environment variable; see docs/agent.md""";
    }
}
