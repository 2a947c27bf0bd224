package io.chatsuite.loadgen;

/** One measurement the bench can run; each reads its own options and fills the report. */
interface Scenario {

    void run(BenchContext context, Report report) throws Exception;
}
