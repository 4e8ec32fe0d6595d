package io.jstack.image.service;

import io.jstack.common.policy.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protections file format of the Glance admin guide, and how rules decide. */
class PropertyProtectionsTest {

    @TempDir
    Path dir;

    private static final Caller ADMIN = caller(true, "admin", "member", "reader");
    private static final Caller MEMBER = caller(false, "member");
    private static final Caller BILLING = caller(false, "member", "billing");
    /** The admin role on some project that is not the admin project: no cloud admin. */
    private static final Caller PROJECT_ADMIN = caller(false, "admin", "member", "reader");

    private static Caller caller(boolean cloudAdmin, String... roles) {
        return new Caller(new Credentials("u", "default", "p", "default", null, Set.of(roles), null, cloudAdmin,
                null, null), cloudAdmin, "r", null);
    }

    private Path file(String text) throws IOException {
        Path f = dir.resolve("protections.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aMissingFileIsAnError() {
        assertThrows(IOException.class, () -> PropertyProtections.load(dir.resolve("nope.conf"), "roles"));
    }

    @Test
    void rolesDecideOperationByOperationAndTheFirstMatchingSectionWins() throws IOException {
        PropertyProtections p = PropertyProtections.load(file("""
                # billing codes: billing writes, everyone reads
                [^x_billing_.*]
                create = admin,billing
                read = @
                update = billing
                delete = !

                [.*]
                create = @
                read = @
                update = @
                delete = @
                """), "roles");
        assertTrue(p.allows(BILLING, "x_billing_code", PropertyProtections.Operation.CREATE));
        assertFalse(p.allows(MEMBER, "x_billing_code", PropertyProtections.Operation.CREATE));
        assertTrue(p.allows(MEMBER, "x_billing_code", PropertyProtections.Operation.READ));
        assertFalse(p.allows(ADMIN, "x_billing_code", PropertyProtections.Operation.UPDATE),
                "admin is not implied by a role list");
        assertFalse(p.allows(BILLING, "x_billing_code", PropertyProtections.Operation.DELETE), "! denies all");
        assertTrue(p.allows(MEMBER, "anything_else", PropertyProtections.Operation.DELETE));
    }

    @Test
    void aPropertyNoRuleMatchesIsUntouchableAndHidden() throws IOException {
        PropertyProtections p = PropertyProtections.load(file("""
                [^only_this$]
                create = @
                read = @
                update = @
                delete = @
                """), "roles");
        assertFalse(p.allows(ADMIN, "other", PropertyProtections.Operation.CREATE));
        assertEquals(Map.of("only_this", "1"), p.readable(ADMIN, Map.of("only_this", "1", "other", "2")));
        assertTrue(p.allows(MEMBER, "os_glance_importing_to_stores", PropertyProtections.Operation.UPDATE),
                "Glance's own namespace stays manageable");
    }

    @Test
    void policiesFormatKnowsContextIsAdminAndDefault() throws IOException {
        PropertyProtections p = PropertyProtections.load(file("""
                [x_none_read]
                create = context_is_admin
                read = !
                update = !
                delete = context_is_admin

                [.*]
                create = default
                read = default
                update = default
                delete = default
                """), "policies");
        assertTrue(p.allows(ADMIN, "x_none_read", PropertyProtections.Operation.CREATE));
        assertFalse(p.allows(MEMBER, "x_none_read", PropertyProtections.Operation.CREATE));
        assertFalse(p.allows(PROJECT_ADMIN, "x_none_read", PropertyProtections.Operation.CREATE),
                "context_is_admin is the cloud admin, not the admin role anywhere");
        assertFalse(p.allows(ADMIN, "x_none_read", PropertyProtections.Operation.READ));
        assertTrue(p.allows(MEMBER, "free", PropertyProtections.Operation.UPDATE));
    }

    @Test
    void malformedFilesAreRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> PropertyProtections.load(file("""
                [x]
                create = @,!
                read = @
                update = @
                delete = @
                """), "roles"));
        assertThrows(IllegalArgumentException.class, () -> PropertyProtections.load(file("""
                [x]
                create = @
                """), "roles"));
        assertThrows(IllegalArgumentException.class, () -> PropertyProtections.load(file("""
                [x(]
                create = @
                read = @
                update = @
                delete = @
                """), "roles"));
        assertThrows(IllegalArgumentException.class, () -> PropertyProtections.load(file("""
                [x]
                create = some_policy
                read = @
                update = @
                delete = @
                """), "policies"));
        assertThrows(IllegalArgumentException.class, () -> PropertyProtections.load(file("[x]\n"), "ini"));
    }

    @Test
    void withoutAFileEverythingIsOpen() {
        assertTrue(PropertyProtections.none().allows(MEMBER, "whatever", PropertyProtections.Operation.DELETE));
    }
}
