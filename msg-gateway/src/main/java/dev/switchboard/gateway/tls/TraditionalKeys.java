package dev.switchboard.gateway.tls;

import java.math.BigInteger;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;

/**
 * OpenSSL's traditional private key forms, which the JDK cannot read, as JDK key specs: PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default) and SEC1 ({@code BEGIN EC PRIVATE KEY}). Only the DER the
 * two formats need is read:
 * <pre>
 * RSAPrivateKey ::= SEQUENCE { version INTEGER, n, e, d, p, q, dP, dQ, qInv INTEGER, ... }
 * ECPrivateKey  ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING, [0] curve, [1] public key }
 * </pre>
 * The EC curve is taken from the certificate; a key on another curve then fails the pair check.
 */
final class TraditionalKeys {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;

    private TraditionalKeys() {
    }

    static KeySpec rsa(byte[] der) {
        Der key = new Der(der).enter(SEQUENCE);
        key.integer(); // version
        return new RSAPrivateCrtKeySpec(key.integer(), key.integer(), key.integer(), key.integer(), key.integer(),
                key.integer(), key.integer(), key.integer());
    }

    static KeySpec ec(byte[] der, ECParameterSpec curve) {
        Der key = new Der(der).enter(SEQUENCE);
        key.integer(); // version
        return new ECPrivateKeySpec(new BigInteger(1, key.value(OCTET_STRING)), curve);
    }

    /** A cursor over DER bytes: each call reads the next element, which must have the tag asked for. */
    private static final class Der {
        private final byte[] bytes;
        private int position;
        private final int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        Der enter(int tag) {
            int length = header(tag);
            Der inner = new Der(bytes, position, position + length);
            position += length;
            return inner;
        }

        BigInteger integer() {
            return new BigInteger(value(INTEGER));
        }

        byte[] value(int tag) {
            int length = header(tag);
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        /** Reads a tag and a length; returns the length, with the position at the content. */
        private int header(int tag) {
            if (position + 2 > end || (bytes[position] & 0xff) != tag) {
                throw new IllegalArgumentException("malformed key: expected DER tag 0x%02x at %d"
                        .formatted(tag, position));
            }
            position++;
            int first = bytes[position++] & 0xff;
            int length = first;
            if (first > 0x7f) {
                int count = first & 0x7f;
                if (count < 1 || count > 3 || position + count > end) {
                    throw new IllegalArgumentException("malformed key: bad DER length at " + (position - 1));
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[position++] & 0xff);
                }
            }
            if (position + length > end) {
                throw new IllegalArgumentException("malformed key: DER length " + length + " past the end");
            }
            return length;
        }
    }
}
