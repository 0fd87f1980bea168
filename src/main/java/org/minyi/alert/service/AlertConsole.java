package org.minyi.alert.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.minyi.alert.AlertView;

/**
 * The live console's feed (server-sent events): NEW alerts, RAISED levels and UPDATED handling, published after the
 * change has committed.
 */
@ApplicationScoped
public class AlertConsole {

    /** One console message: NEW, RAISED or UPDATED, and the alert as it now is. */
    public record ConsoleEvent(String type, AlertView alert) {
    }

    private final BroadcastProcessor<ConsoleEvent> processor = BroadcastProcessor.create();

    public void publish(ConsoleEvent e) {
        processor.onNext(e);
    }

    public Multi<ConsoleEvent> stream() {
        return processor;
    }
}
