package dev.tollgate.core.metering;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A node that appends from many threads until it is killed, printing each call id once its append
 * returned: the calls whose answer a client would have received.
 */
public final class AppendingProcess {
    private AppendingProcess() {}

    public static void main(String[] args) {
        var journal = FileJournal.open(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, false);
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; ; i++) {
                    UsageRecord r = Records.call(i);
                    journal.append(r);
                    synchronized (out) {
                        out.println(r.callId());
                        out.flush();
                    }
                }
            });
            thread.start();
        }
    }
}
