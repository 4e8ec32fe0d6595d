package io.jstack.compute.service;

import io.jstack.common.api.ApiException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key pair material: generating an RSA key pair (the private key is handed out once), checking imported public
 * keys, and their fingerprints as Nova computes them (MD5 of the SSH key blob, SHA-1 of an x509 certificate's
 * DER, as colon-separated hex).
 */
public final class SshKeys {

    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    /** A generated key pair: OpenSSH public key, PEM private key, fingerprint. */
    public record Generated(String publicKey, String privateKey, String fingerprint) {
    }

    private SshKeys() {
    }

    public static Generated generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, pub.getPublicExponent().toByteArray());
            writeString(blob, pub.getModulus().toByteArray());
            byte[] bytes = blob.toByteArray();
            String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(bytes) + " Generated-by-Nova";
            String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs1(pair.getPrivate().getEncoded()))
                    + "\n-----END RSA PRIVATE KEY-----\n";
            return new Generated(publicKey, pem, colons(MessageDigest.getInstance("MD5").digest(bytes)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of an imported key, or a 400 when it is not a key of the given type. */
    public static String fingerprint(String publicKey, String type) {
        try {
            if ("x509".equals(type)) {
                byte[] der = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(publicKey.getBytes(StandardCharsets.UTF_8)))
                        .getEncoded();
                return colons(MessageDigest.getInstance("SHA-1").digest(der));
            }
            String[] parts = publicKey.trim().split("\\s+");
            int at = 0;
            // an authorized_keys line may start with options; the key type comes before the blob
            while (at < parts.length && !TYPES.contains(parts[at])) {
                at++;
            }
            if (at + 1 >= parts.length) {
                throw invalid();
            }
            byte[] blob = Base64.getDecoder().decode(parts[at + 1]);
            String declared = readType(blob);
            if (!parts[at].equals(declared)) {
                throw invalid();
            }
            return colons(MessageDigest.getInstance("MD5").digest(blob));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("Keypair data is invalid: failed to generate fingerprint");
    }

    private static String readType(byte[] blob) {
        if (blob.length < 4) {
            throw new IllegalArgumentException("short key");
        }
        int len = new BigInteger(1, Arrays.copyOfRange(blob, 0, 4)).intValue();
        if (len <= 0 || len > blob.length - 4) {
            throw new IllegalArgumentException("bad key");
        }
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
    }

    private static String colons(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** The RSAPrivateKey (PKCS#1) inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int[] pos = {0};
        readHeader(pkcs8, pos, 0x30);
        skipElement(pkcs8, pos);
        skipElement(pkcs8, pos);
        int len = readHeader(pkcs8, pos, 0x04);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
    }

    private static int readHeader(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag");
        }
        int len = der[pos[0]++] & 0xff;
        if (len > 0x7f) {
            int bytes = len & 0x7f;
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[pos[0]++] & 0xff);
            }
        }
        return len;
    }

    private static void skipElement(byte[] der, int[] pos) {
        int tag = der[pos[0]] & 0xff;
        int len = readHeader(der, pos, tag);
        pos[0] += len;
    }
}
