package org.cscstats.tools.keys;

import org.cscstats.contract.auth.AuthDecision;
import org.cscstats.contract.auth.BearerKeys;
import org.cscstats.contract.auth.KeyGrant;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Operator helper: prints the SHA-256 to put in the ingest or operator key configuration.
 * <pre>
 *   ./hash-key                      # asks for the key (not echoed)
 *   echo -n "$KEY" | ./hash-key -   # key on stdin
 *   ./hash-key --generate           # new random key + its hash
 * </pre>
 * The key is read from the console or stdin rather than the command line, which shell history would keep.
 */
public final class HashKey {
    private HashKey() {
    }

    static final String USAGE = """
            usage: hash-key [-|--generate|--help]
            Prints the SHA-256 of a bearer key, the form INGEST_KEYS and OPERATOR_KEYS take (sha256hex:LA,LA).
              (no argument)  asks for the key on the console, without echoing it
              -              reads the key from the first line of stdin
              --generate     makes a new random key and prints it with its hash""";

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 1 || (args.length == 1 && !args[0].equals("-") && !args[0].equals("--generate"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args.length == 1 && args[0].equals("--generate")) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            System.out.println("key:    " + key + "   (give this to the sending system; store it nowhere else)");
            System.out.println("sha256: " + BearerKeys.hash(key) + "   (put this in the ingest key configuration)");
            return;
        }
        String key;
        Console console = System.console();
        if (args.length == 0 && console != null) {
            char[] typed = console.readPassword("ingest key: ");
            key = typed == null ? "" : new String(typed);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            key = line == null ? "" : line.strip();
        }
        if (key.isEmpty()) {
            System.err.println("no key given");
            System.exit(2);
        }
        System.out.println(BearerKeys.hash(key));
    }
}
