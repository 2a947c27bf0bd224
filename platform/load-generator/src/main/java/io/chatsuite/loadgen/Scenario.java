package io.chatsuite.loadgen;

import java.util.List;

/** One measurement the bench can run; each reads its own options and fills the report. */
interface Scenario {

    void run(BenchContext context, Report report) throws Exception;

    /** The figures that sum the run up, shown beside the baseline's with {@code --baseline}. */
    List<Figure> headline();
}
