package io.jstack.scheduler.filters;

import org.junit.jupiter.api.Test;

import static io.jstack.scheduler.filters.ExtraSpecOps.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtraSpecOpsTest {

    @Test
    void plainValueMustBeEqual() {
        assertTrue(matches("qemu", "qemu"));
        assertFalse(matches("kvm", "qemu"));
        assertFalse(matches(null, "qemu"));
    }

    @Test
    void equalsSignIsANumericMinimum() {
        assertTrue(matches("16", "= 8"));
        assertTrue(matches("8", "= 8"));
        assertFalse(matches("4", "= 8"));
        assertFalse(matches("many", "= 8"));
    }

    @Test
    void numericComparisons() {
        assertTrue(matches("2.0", "== 2"));
        assertFalse(matches("3", "== 2"));
        assertTrue(matches("3", "!= 2"));
        assertTrue(matches("3", ">= 3"));
        assertFalse(matches("2", ">= 3"));
        assertTrue(matches("2", "<= 3"));
        assertFalse(matches("4", "<= 3"));
    }

    @Test
    void stringComparisons() {
        assertTrue(matches("qemu", "s== qemu"));
        assertFalse(matches("kvm", "s== qemu"));
        assertTrue(matches("kvm", "s!= qemu"));
        assertTrue(matches("abc", "s< abd"));
        assertTrue(matches("abc", "s<= abc"));
        assertTrue(matches("b", "s> a"));
        assertTrue(matches("b", "s>= b"));
        assertFalse(matches("a", "s>= b"));
    }

    @Test
    void containment() {
        assertTrue(matches("x86_64 sse4 avx", "<in> avx"));
        assertFalse(matches("x86_64 sse4", "<in> avx"));
        assertTrue(matches("sse4 avx avx2", "<all-in> avx sse4"));
        assertFalse(matches("sse4 avx", "<all-in> avx avx512"));
    }

    @Test
    void alternatives() {
        assertTrue(matches("kvm", "<or> qemu <or> kvm"));
        assertTrue(matches("qemu", "<or> qemu <or> kvm"));
        assertFalse(matches("xen", "<or> qemu <or> kvm"));
        assertFalse(matches(null, "<or> qemu"));
    }

    @Test
    void operatorWithoutOperandFails() {
        assertFalse(matches("1", ">="));
    }
}
