package app.rebound.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** SecretBox seals under a key derived from the one master secret rebound.secret-key. */
class SecretBoxTest {
    private static final String MASTER = "unit-test-master-secret-0123456789abcdef";

    @Test
    void roundTripsAndUsesTheDerivedKeyNotTheSecretItself() throws Exception {
        SecretBox box = new SecretBox(Optional.of(MASTER));
        byte[] sealed = box.seal("imap-password");
        assertEquals("imap-password", box.open(sealed));
        assertEquals(1 + 12 + "imap-password".length() + 16, sealed.length);

        // Decrypt independently with HMAC-SHA256(secret-key, "rebound/secret-box/v1") as the AES-256 key.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MASTER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] derived = mac.doFinal("rebound/secret-box/v1".getBytes(StandardCharsets.UTF_8));
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, "AES"), new GCMParameterSpec(128, sealed, 1, 12));
        c.updateAAD(new byte[] {1});
        assertArrayEquals("imap-password".getBytes(StandardCharsets.UTF_8), c.doFinal(sealed, 13, sealed.length - 13));
    }

    @Test
    void aWrongMasterSecretFails() {
        byte[] sealed = new SecretBox(Optional.of(MASTER)).seal("imap-password");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretBox(Optional.of(MASTER + "x")).open(sealed));
        assertTrue(e.getMessage().contains("wrong master key"), e.getMessage());
    }

    @Test
    void anyChangedByteFails() {
        SecretBox box = new SecretBox(Optional.of(MASTER));
        byte[] sealed = box.seal("imap-password");
        for (int i = 1; i < sealed.length; i++) {
            byte[] t = Arrays.copyOf(sealed, sealed.length);
            t[i] ^= 0x01;
            assertThrows(IllegalStateException.class, () -> box.open(t), "byte " + i);
        }
        byte[] version = Arrays.copyOf(sealed, sealed.length);
        version[0] = 2;
        assertThrows(IllegalStateException.class, () -> box.open(version));
        assertThrows(IllegalStateException.class, () -> box.open(Arrays.copyOf(sealed, 20)));
    }

    @Test
    void withoutTheMasterSecretNothingIsSealed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretBox(Optional.empty()).seal("x"));
        assertTrue(e.getMessage().contains("rebound.secret-key"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SecretBox(Optional.of("  ")).seal("x"));
    }
}
