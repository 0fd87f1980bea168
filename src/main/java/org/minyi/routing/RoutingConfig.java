package org.minyi.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Routing, deadlines, escalation and reminders ({@code minyi.routing.*}). */
@ConfigMapping(prefix = "minyi.routing")
public interface RoutingConfig {

    /** Deadlines of 一般 cases. */
    Clocks general();

    /** Deadlines of 较大 cases. */
    Clocks larger();

    /** Deadlines of 重大 cases. */
    Clocks major();

    /** Deadlines of 特别重大 cases. */
    Clocks extraordinary();

    /** The three clocks of a grade; each is an ISO-8601 duration ({@code PT5H}) or working days ({@code 7WD}). */
    interface Clocks {
        /** From assignment to acknowledgement (签收). */
        @WithDefault("PT24H")
        String acknowledge();

        /** From assignment to the first public response. */
        @WithDefault("PT48H")
        String response();

        /** From assignment to the final answer (closing the case). */
        @WithName("final")
        @WithDefault("7WD")
        String finalAnswer();
    }

    /** Whether a recorded response needs an analyst's approval before it counts as published (new cases). */
    @WithDefault("false")
    boolean approvalRequired();

    /** Whether the escalation and reminder job runs on its schedule (off in tests, which call it directly). */
    @WithDefault("true")
    boolean jobEnabled();

    /** How often the escalation and reminder job runs. */
    @WithDefault("1m")
    String jobEvery();

    /** Reminders go to the unit's spokespersons this long before a deadline. */
    @WithDefault("PT2H")
    Duration reminderBefore();

    /** Usernames of the duty analysts notified on escalation; all enabled analysts when empty. */
    Optional<List<String>> dutyAnalysts();

    /** Window before and after a response compared to judge its effect. */
    @WithDefault("P1D")
    Duration effectWindow();

    /**
     * Load the demo district (the fictional 海澄区 of {@code dictionaries/jurisdiction.txt}) and the taxonomy's default
     * departments when there are no units at start-up; on in dev mode (the run command) and tests.
     */
    @WithDefault("false")
    boolean demoUnits();
}
