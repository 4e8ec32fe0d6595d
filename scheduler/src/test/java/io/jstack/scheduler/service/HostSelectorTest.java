package io.jstack.scheduler.service;

import io.jstack.scheduler.filters.ComputeFilter;
import io.jstack.scheduler.filters.RamFilter;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.weights.RAMWeigher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.jstack.scheduler.Fixtures.flavor;
import static io.jstack.scheduler.Fixtures.host;
import static io.jstack.scheduler.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostSelectorTest {

    private final List<HostState> hosts = List.of(
            host("h1").total(8, 4096, 100).build(),
            host("h2").total(8, 16384, 100).build(),
            host("h3").total(8, 8192, 100).build(),
            host("down").total(8, 65536, 100).status(true, true).build());

    private HostSelector selector(int subset) {
        return new HostSelector(List.of(new ComputeFilter(Duration.ofSeconds(60)), new RamFilter()),
                List.of(new RAMWeigher(1.0)), subset, new Random(7));
    }

    private static List<String> names(List<HostState> ranked) {
        return ranked.stream().map(HostState::host).toList();
    }

    @Test
    void ranksHostsThatPassBestFirst() {
        assertEquals(List.of("h2", "h3", "h1"), names(selector(1).rank(hosts, request().build())));
    }

    @Test
    void filtersOutHostsThatCannotFit() {
        assertEquals(List.of("h2", "h3"), names(selector(1).rank(hosts, request().flavor(flavor(1, 6000, 1)).build())));
        assertEquals(List.of(), names(selector(1).rank(hosts, request().flavor(flavor(1, 20000, 1)).build())));
    }

    @Test
    void ignoredHostsAreLeftOut() {
        assertEquals(List.of("h3", "h1"), names(selector(1).rank(hosts, request().ignore("h2").build())));
    }

    @Test
    void forcedHostSkipsFilters() {
        assertEquals(List.of("down"), names(selector(1).rank(hosts, request().forcedHost("down").build())));
        assertEquals(List.of(), names(selector(1).rank(hosts, request().forcedHost("nowhere").build())));
    }

    @Test
    void bestFirstOrdersByWeightAndKeepsTiesInOrder() {
        assertArrayEquals(new int[]{2, 0, 3, 1}, HostSelector.bestFirst(new double[]{1.0, -5.0, 2.5, 1.0}));
        assertArrayEquals(new int[]{0, 1, 2}, HostSelector.bestFirst(new double[]{0.0, -0.0, 0.0}));
        assertArrayEquals(new int[]{1, 0}, HostSelector.bestFirst(new double[]{-1_000_000.0, 0.3}));
        assertArrayEquals(new int[]{1, 0}, HostSelector.bestFirst(new double[]{0.1234567, 0.1234568}));
    }

    @Test
    void hostSubsetSizeSpreadsTheFirstChoice() {
        Set<String> firsts = new HashSet<>();
        HostSelector selector = selector(2);
        for (int i = 0; i < 50; i++) {
            List<String> ranked = names(selector.rank(hosts, request().build()));
            firsts.add(ranked.getFirst());
            assertEquals(3, ranked.size());
        }
        assertEquals(Set.of("h2", "h3"), firsts);
        assertTrue(!firsts.contains("h1"));
    }
}
