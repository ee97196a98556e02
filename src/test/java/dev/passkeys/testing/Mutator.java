package dev.passkeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * Seeded mutations of WebAuthn JSON for fuzzing: bit flips, truncations and replacements in the base64url-decoded
 * bytes of a member, structural changes inside clientDataJSON (JSON) and attestationObject (CBOR), wrong types,
 * missing members, huge strings and deep nesting. Every mutation is described, so a failure names its case.
 */
public final class Mutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final String[] ATTESTATION_FORMATS = { "none", "packed", "fido-u2f", "tpm", "android-key",
            "android-safetynet", "apple", "", "x" };

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A mutated copy of {@code credential}, one to three mutations of the given members (JSON pointers). */
    public Mutant mutate(ObjectNode credential, List<String> members) {
        ObjectNode copy = credential.deepCopy();
        List<String> done = new ArrayList<>();
        int count = 1 + (random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < count || canonical(copy).equals(canonical(credential)); i++) {
            String member = members.get(random.nextInt(members.size()));
            done.add(member + ": " + mutateMember(copy, member));
        }
        return new Mutant(copy, String.join("; ", done));
    }

    /**
     * The tree with every text that decodes as base64url leniently (padding and whitespace dropped, the standard
     * alphabet's {@code +/} read as {@code -_}, unused trailing bits ignored) as its bytes: a mutation that changes
     * only the spelling of the same bytes is no change, since decoders accept every such spelling.
     */
    public static JsonNode canonical(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText().replaceAll("[=\\s]", "").replace('+', '-').replace('/', '_');
            try {
                return NODES.binaryNode(BASE64URL_DECODER.decode(text)); // unused trailing bits are ignored too
            } catch (IllegalArgumentException e) {
                return NODES.textNode(text);
            }
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), canonical(field.getValue())));
            return copy;
        }
        return node;
    }

    /** A mutated credential and what was done to it. */
    public record Mutant(ObjectNode credential, String description) {
    }

    private String mutateMember(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parentNode = root.at(pointer.substring(0, slash));
        if (!(parentNode instanceof ObjectNode parent)) {
            return "absent parent";
        }
        String name = pointer.substring(slash + 1);
        JsonNode value = parent.get(name);
        int kind = random.nextInt(value != null && value.isTextual() ? 12 : 4);
        switch (kind) {
            case 0 -> {
                parent.remove(name);
                return "removed";
            }
            case 1 -> {
                JsonNode wrong = wrongType();
                parent.set(name, wrong);
                return "wrong type " + abbreviate(wrong.toString());
            }
            case 2 -> {
                parent.put(name, hugeString());
                return "huge string";
            }
            case 3 -> {
                int depth = 200 + random.nextInt(1800);
                parent.put(name, DEEP + depth);
                return "nested " + depth + " deep";
            }
            case 4 -> {
                parent.put(name, mangleText(value.asText()));
                return "mangled base64url text";
            }
            default -> {
                byte[] bytes;
                try {
                    bytes = BASE64URL_DECODER.decode(value.asText());
                } catch (IllegalArgumentException e) {
                    parent.put(name, mangleText(value.asText()));
                    return "mangled text";
                }
                String description;
                if (name.equals("attestationObject") && random.nextBoolean()) {
                    description = "CBOR " + mutateCbor(bytes, parent, name);
                } else if (name.equals("clientDataJSON") && random.nextInt(3) == 0) {
                    description = "clientDataJSON " + mutateClientData(bytes, parent, name);
                } else {
                    byte[] mutated = mutateBytes(bytes);
                    parent.put(name, BASE64URL.encodeToString(mutated));
                    description = "bytes " + lastBytesOperation;
                }
                return description;
            }
        }
    }

    private String lastBytesOperation = "";

    /** Bit flips, truncation, extension, replacement or zeroing of a range. */
    public byte[] mutateBytes(byte[] bytes) {
        int operation = bytes.length == 0 ? 2 : random.nextInt(6);
        byte[] result;
        switch (operation) {
            case 0 -> {
                result = bytes.clone();
                int flips = 1 + random.nextInt(random.nextBoolean() ? 1 : 8);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(result.length);
                    result[at] ^= (byte) (1 << random.nextInt(8));
                }
                lastBytesOperation = flips + " bit flip(s)";
            }
            case 1 -> {
                result = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                lastBytesOperation = "truncated to " + result.length;
            }
            case 2 -> {
                result = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
                for (int i = bytes.length; i < result.length; i++) {
                    result[i] = (byte) random.nextInt(256);
                }
                lastBytesOperation = "extended to " + result.length;
            }
            case 3 -> {
                result = new byte[random.nextInt(bytes.length * 2 + 2)];
                random.nextBytes(result);
                lastBytesOperation = "random " + result.length + " bytes";
            }
            case 4 -> {
                result = bytes.clone();
                int from = random.nextInt(result.length);
                int to = Math.min(result.length, from + 1 + random.nextInt(8));
                java.util.Arrays.fill(result, from, to, (byte) (random.nextBoolean() ? 0 : 0xff));
                lastBytesOperation = "filled " + from + ".." + to;
            }
            default -> {
                result = new byte[0];
                lastBytesOperation = "emptied";
            }
        }
        return result;
    }

    /** A structural change inside the CBOR attestation object: its members, their types, its format. */
    private String mutateCbor(byte[] bytes, ObjectNode parent, String name) {
        JsonNode tree;
        try {
            tree = CBOR.readTree(bytes);
        } catch (IOException e) {
            parent.put(name, BASE64URL.encodeToString(mutateBytes(bytes)));
            return "unreadable, bytes " + lastBytesOperation;
        }
        if (!(tree instanceof ObjectNode attestation)) {
            return "not a map";
        }
        String description;
        switch (random.nextInt(7)) {
            case 0 -> {
                String format = ATTESTATION_FORMATS[random.nextInt(ATTESTATION_FORMATS.length)];
                attestation.put("fmt", format);
                description = "fmt " + format;
            }
            case 1 -> {
                ObjectNode statement = attestation.putObject("attStmt");
                statement.put("alg", random.nextBoolean() ? -7 : random.nextInt(1000) - 500);
                statement.put("sig", randomBytes(random.nextInt(80)));
                if (random.nextBoolean()) {
                    ArrayNode x5c = statement.putArray("x5c");
                    for (int i = random.nextInt(3); i >= 0; i--) {
                        x5c.add(randomBytes(random.nextInt(400)));
                    }
                }
                attestation.put("fmt", random.nextBoolean() ? "packed" : "fido-u2f");
                description = "garbage attStmt " + attestation.get("fmt");
            }
            case 2 -> {
                String member = List.of("fmt", "attStmt", "authData").get(random.nextInt(3));
                attestation.remove(member);
                description = "without " + member;
            }
            case 3 -> {
                String member = List.of("fmt", "attStmt", "authData").get(random.nextInt(3));
                attestation.set(member, wrongType());
                description = "wrong type of " + member;
            }
            case 4 -> {
                byte[] authData = attestation.path("authData").isBinary()
                        ? binary(attestation.get("authData"))
                        : new byte[0];
                attestation.put("authData", mutateBytes(authData));
                description = "authData " + lastBytesOperation;
            }
            case 5 -> {
                attestation.set("attStmt", deepNesting(50 + random.nextInt(900)));
                description = "deep attStmt";
            }
            default -> {
                attestation.put("extra", randomBytes(random.nextInt(100)));
                attestation.put("fmt", "none");
                attestation.putObject("attStmt").put("unexpected", 1);
                description = "none with a statement";
            }
        }
        try {
            parent.put(name, BASE64URL.encodeToString(CBOR.writeValueAsBytes(attestation)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return description;
    }

    /** A structural change inside clientDataJSON: its members' types and values. */
    private String mutateClientData(byte[] bytes, ObjectNode parent, String name) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            tree = null;
        }
        if (!(tree instanceof ObjectNode clientData)) {
            parent.put(name, BASE64URL.encodeToString(mutateBytes(bytes)));
            return "bytes " + lastBytesOperation;
        }
        List<String> members = new ArrayList<>();
        clientData.fieldNames().forEachRemaining(members::add);
        String member = members.get(random.nextInt(members.size()));
        String description;
        switch (random.nextInt(4)) {
            case 0 -> {
                clientData.remove(member);
                description = "without " + member;
            }
            case 1 -> {
                clientData.set(member, wrongType());
                description = "wrong type of " + member;
            }
            case 2 -> {
                String huge = hugeString();
                clientData.put(member, huge.substring(0, Math.min(huge.length(), 20_000)));
                description = "huge " + member;
            }
            default -> {
                clientData.put(member, mangleText(clientData.get(member).asText()));
                description = "mangled " + member;
            }
        }
        parent.put(name, BASE64URL.encodeToString(clientData.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return description;
    }

    /** The JSON text of a body, truncated or with one character changed: mostly not JSON any more. */
    public String mangleJson(String json) {
        StringBuilder text = new StringBuilder(json);
        switch (random.nextInt(3)) {
            case 0 -> text.setLength(random.nextInt(Math.max(1, text.length())));
            case 1 -> {
                String odd = "{}[]\",:\\ 0a\u0000\u00ff";
                text.setCharAt(random.nextInt(text.length()), odd.charAt(random.nextInt(odd.length())));
            }
            default -> text.insert(random.nextInt(text.length()), "\"x\": [1, {\"y\": null}], ");
        }
        return text.toString();
    }

    /** Any JSON value of a type other than a string. */
    public JsonNode wrongType() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode().add("a").add(1);
            case 5 -> NODES.objectNode().put("x", "y");
            case 6 -> NODES.arrayNode();
            default -> NODES.objectNode();
        };
    }

    /** A string under the 64 KiB body limit, odd characters included. */
    public String hugeString() {
        int length = 10_000 + random.nextInt(50_000);
        StringBuilder text = new StringBuilder(length);
        String alphabet = "AZaz09-_+/=.!\u00e9\u4e2d";
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A placeholder {@link #json} replaces with nesting: Jackson refuses to write more than 1000 levels. */
    private static final String DEEP = "~~deep:";

    /** The JSON text of a mutated tree, its deep nesting written out. */
    public static String json(JsonNode node) {
        String text = node.toString();
        java.util.regex.Matcher deep = java.util.regex.Pattern.compile("\"~~deep:(\\d+)\"").matcher(text);
        StringBuilder result = new StringBuilder();
        while (deep.find()) {
            int depth = Integer.parseInt(deep.group(1));
            deep.appendReplacement(result, "[{\"n\": ".repeat(depth / 2) + "0" + "}]".repeat(depth / 2));
        }
        return deep.appendTail(result).toString();
    }

    /** Arrays and objects nested {@code depth} deep. */
    public JsonNode deepNesting(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
        }
        return node;
    }

    /** base64url text with characters outside the alphabet, padding, whitespace, or cut anywhere. */
    public String mangleText(String text) {
        StringBuilder mangled = new StringBuilder(text);
        switch (random.nextInt(5)) {
            case 0 -> mangled.insert(random.nextInt(mangled.length() + 1), "!*% \n".charAt(random.nextInt(5)));
            case 1 -> mangled.append("=".repeat(1 + random.nextInt(3)));
            case 2 -> mangled.setLength(random.nextInt(mangled.length() + 1));
            case 3 -> {
                for (int i = 0; i < mangled.length(); i++) {
                    if (mangled.charAt(i) == '-' || mangled.charAt(i) == '_') {
                        mangled.setCharAt(i, mangled.charAt(i) == '-' ? '+' : '/');
                    }
                }
                mangled.append('+');
            }
            default -> mangled.append(randomText(1 + random.nextInt(5)));
        }
        return mangled.toString();
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Every member of a JSON tree, as JSON pointers. */
    public static List<String> pointers(JsonNode node) {
        List<String> pointers = new ArrayList<>();
        collect(node, "", pointers);
        return pointers;
    }

    private static void collect(JsonNode node, String prefix, List<String> pointers) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            pointers.add(prefix + "/" + name);
            collect(node.get(name), prefix + "/" + name, pointers);
        }
    }
}
