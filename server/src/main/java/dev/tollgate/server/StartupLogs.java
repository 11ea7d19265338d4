package dev.tollgate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * While a node starts without {@code --verbose}: log events that carry a stack trace (Hikari's
 * failed pool, Jetty's failed bind) are held back, because the failure reaches the operator as the
 * one line of its {@link StartupProblem}. Warnings without a stack trace still show.
 */
public final class StartupLogs implements AutoCloseable {
    private final LoggerContext context;
    private final TurboFilter filter = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params, Throwable t) {
            boolean carriesTrace = t != null || params != null && params.length > 0 && params[params.length - 1] instanceof Throwable;
            return carriesTrace ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    };

    private StartupLogs(LoggerContext context) {
        this.context = context;
    }

    /** Holds back stack traces until {@link #close}; does nothing when the logging is not Logback. */
    public static StartupLogs withoutStackTraces() {
        LoggerContext context = LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
        StartupLogs logs = new StartupLogs(context);
        if (context != null) {
            logs.filter.start();
            context.addTurboFilter(logs.filter);
        }
        return logs;
    }

    @Override
    public void close() {
        if (context != null) {
            context.getTurboFilterList().remove(filter);
        }
    }
}
