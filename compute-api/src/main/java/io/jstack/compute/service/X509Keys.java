package io.jstack.compute.service;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generated x509 key pairs (key pair type "x509"): an RSA key and a self-signed certificate for it, as Nova
 * generates them for Windows guests. The certificate is the "public key"; its fingerprint is the SHA-1 of its
 * DER encoding. DER is written here directly: the JDK has no public certificate builder.
 */
public final class X509Keys {

    private static final byte[] SHA256_WITH_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x0b};
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private X509Keys() {
    }

    public static SshKeys.Generated generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            byte[] algorithm = seq(SHA256_WITH_RSA, new byte[]{0x05, 0x00});
            byte[] name = seq(tlv(0x31, seq(COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] validity = seq(tlv(0x17, UTC_TIME.format(now).getBytes(StandardCharsets.US_ASCII)),
                    tlv(0x17, UTC_TIME.format(now.plusYears(10)).getBytes(StandardCharsets.US_ASCII)));
            byte[] serial = tlv(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray());
            byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[]{2})), serial, algorithm, name, validity, name,
                    pair.getPublic().getEncoded());
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] certificate = seq(tbs, algorithm, tlv(0x03, bits));
            String pem = "-----BEGIN CERTIFICATE-----\n" + base64(certificate) + "\n-----END CERTIFICATE-----\n";
            String key = "-----BEGIN PRIVATE KEY-----\n" + base64(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String fingerprint = colons(MessageDigest.getInstance("SHA-1").digest(certificate));
            return new SshKeys.Generated(pem, key, fingerprint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }

    private static String colons(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
