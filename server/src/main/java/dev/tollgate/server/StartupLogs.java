package dev.tollgate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * The log of a start without {@code --verbose}, held back until the start is over: written out when
 * the node starts, dropped when it does not — then the one line of its {@link StartupProblem} says
 * what went wrong, instead of libraries' errors and stack traces (Hikari's failed pool, Jetty's
 * failed bind) around it.
 */
public final class StartupLogs implements AutoCloseable {
    private final LoggerContext context;
    private final List<LoggingEvent> held = new ArrayList<>();
    private boolean started;

    private final TurboFilter filter = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
                var event = new LoggingEvent(Logger.class.getName(), logger, level, format, t, params);
                // Thread name, message and MDC as they are now, not when the event is written out.
                event.prepareForDeferredProcessing();
                synchronized (held) {
                    held.add(event);
                }
            }
            return FilterReply.DENY;
        }
    };

    private StartupLogs(LoggerContext context) {
        this.context = context;
    }

    /** Holds back every log event until {@link #close}; does nothing when the logging is not Logback. */
    public static StartupLogs holdBack() {
        LoggerContext context = LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
        StartupLogs logs = new StartupLogs(context);
        if (context != null) {
            logs.filter.start();
            context.addTurboFilter(logs.filter);
        }
        return logs;
    }

    /** The node started: {@link #close} writes out what was held back. */
    public void started() {
        started = true;
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        context.getTurboFilterList().remove(filter);
        List<LoggingEvent> events;
        synchronized (held) {
            events = List.copyOf(held);
            held.clear();
        }
        if (started) {
            for (LoggingEvent event : events) {
                ((Logger) LoggerFactory.getLogger(event.getLoggerName())).callAppenders(event);
            }
        }
    }
}
