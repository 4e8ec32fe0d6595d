package io.jstack.compute.agent;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.HostReport;
import io.jstack.common.compute.SchedulerRpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduler for agent tests: records host reports. */
final class FakeScheduler implements SchedulerRpc {

    final List<HostReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Selections> selectDestinations(RequestContext context, SelectDestinations request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletionStage<Boolean> claim(RequestContext context, Claim claim) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletionStage<Void> release(RequestContext context, Release release) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> reportHost(RequestContext context, HostReport report) {
        reports.add(report);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> updateHostStatus(RequestContext context, HostStatus status) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> syncAggregates(RequestContext context, Aggregates aggregates) {
        return CompletableFuture.completedFuture(null);
    }
}
