package io.zkoam.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The agent's logging in a pod, configured in code: one line per event on stdout, root at INFO (or
 * {@code ZKOAM_LOG_LEVEL}), ZooKeeper's client at WARN (the agent opens a session per request and the client logs
 * every connect). In code rather than XML because logback's XML configurator loads an XML parser, some 600 classes,
 * a few MiB of the sidecar's 64 MiB budget.
 *
 * <p>Registered as a logback {@link Configurator} service in the shaded jar only ({@code src/shaded}), so the plain
 * module jar on the sandbox's classpath changes nobody's logging. A {@code -Dlogback.configurationFile} still wins.
 */
public final class AgentLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%thread] %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("ZKOAM_LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        context.getLogger("org.apache.zookeeper").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
