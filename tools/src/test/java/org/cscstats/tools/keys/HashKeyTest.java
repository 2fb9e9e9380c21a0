package org.cscstats.tools.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashKeyTest {
    @Test
    void printsTheHashOfAKeyFromStdin() throws Exception {
        // from: echo -n my-chosen-key | sha256sum
        assertEquals("9ae04ee5d8bdcc695478022cdbc887ea065b01e9db756942758e23b408638148", run("my-chosen-key\n", "-"));
    }

    @Test
    void helpSaysWhatItDoes() throws Exception {
        String help = run("", "--help");
        assertTrue(help.contains("SHA-256") && help.contains("--generate"), help);
    }

    @Test
    void generatesAKeyAndItsHash() throws Exception {
        String[] lines = run("", "--generate").split("\n");
        String key = lines[0].replaceFirst("^key:\\s+(\\S+).*", "$1");
        String hash = lines[1].replaceFirst("^sha256:\\s+(\\S+).*", "$1");
        assertTrue(key.length() >= 43, key);
        assertEquals(org.cscstats.contract.auth.BearerKeys.hash(key), hash);
    }

    private static String run(String stdin, String... args) throws Exception {
        InputStream in = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            HashKey.main(args);
        } finally {
            System.setIn(in);
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
