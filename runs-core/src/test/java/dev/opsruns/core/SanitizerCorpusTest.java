package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The corpus: credentials in the shapes real clients print them, each naming the scanner rule or
 * client it follows, and benign messages whose diagnostic parts must survive. {@value #CORPUS} is the
 * main table; the held-out batches beside it were each written without looking at the rules, measured
 * as they were, and then kept so later changes cannot lose what they taught. It prints one line per
 * file with recall (secret cases fully removed) and precision (benign cases intact), and fails listing
 * every case that leaked a secret or lost a diagnostic.
 */
@DisplayName("FailureSanitizer.standard() on the secret and benign corpus")
class SanitizerCorpusTest {

    private static final String CORPUS = "/sanitizer-corpus.tsv";

    /** The main table, then the held-out batches of issue 11 in the order they were written. */
    static final List<String> FILES = List.of(CORPUS, "/sanitizer-heldout-1.tsv", "/sanitizer-heldout-2.tsv",
            "/sanitizer-heldout-3.tsv", "/sanitizer-heldout-4.tsv", "/sanitizer-heldout-5.tsv",
            "/sanitizer-heldout-6.tsv", "/sanitizer-heldout-7.tsv", "/sanitizer-heldout-8.tsv",
            "/sanitizer-heldout-9.tsv", "/sanitizer-heldout-10.tsv", "/sanitizer-heldout-11.tsv",
            "/sanitizer-heldout-12.tsv", "/sanitizer-heldout-13.tsv", "/sanitizer-heldout-14.tsv",
            "/sanitizer-heldout-15.tsv");

    /*
     * Cases a batch was measured to fail when it was written, before the rules were changed for it:
     * the batch runs and prints its figures, and may not get worse than what is left of them while the
     * rules catch up. Every other file must pass in full.
     *
     * Batch 3 as first measured: recall 277/309 secret cases fully removed (89.6%), precision 91/96
     * benign cases intact (94.8%), so 37 failures; after its six mis-written expectations were
     * corrected and the rules generalized, 305/308 and 97/97; after round 4 (key-shaped app names, a
     * secret given in answer to its prompt, a generated password ending at its first space) 308/308.
     *
     * Batch 4, written before batch 3's fixes and measured after them, before any fix of its own:
     * recall 151/171 (88.3%), precision 50/53 (94.3%); after a round of general fixes 159/171 and 52/53;
     * after round 3's (a user flag beside a p-flag, a quoted name with its quoted value, an entropy pass,
     * one-time codes, error-chain labels, preference cookies) 166/171 and 53/53; after round 4's
     * (percent-encoded names, a password named before a sentence that reaches its colon, a list of
     * secrets after a plural name) 169/171; after round 5's (an '&' before '=' is the value's own, as
     * a parameter has a name; what a message quotes of a file a secret's flag named, "--auth-user-pass
     * creds.txt; creds.txt contains ...") 171/171.
     *
     * Batch 5, written before any rule or earlier case was read and measured before any fix: recall
     * 292/309 (94.5%), precision 82/87 (94.3%), so 22 failures; nine were expectations written against
     * the design (later lines of a multi-line dump are dropped, whitespace runs collapse, key and space
     * ids are not secrets), a tenth (a Cookie header's lang=en) was corrected and then restored once
     * preference cookies were kept. After round 3's general fixes 307/309 and 87/87; after round 4's
     * (word pass phrases, key-shaped app ids) 309/309.
     *
     * Batch 6, written after round 3's fixes without looking at batch 5's misses again, from new angles,
     * and measured before any fix of its own: recall 108/117 (92.3%), precision 42/45 (93.3%), so 12
     * failures. Six GUID-shaped fakes were then made hex, as their vendors print them (one had failed).
     * After general fixes (path ids and a path's long tokens, id labels as words, JOSE labels, secret
     * paths in prose, Clojure keywords, Erlang tuples, names glued to "pass", the HubSpot format) 115/117
     * and 45/45; after round 4's (snmpd's com2sec, SMTP AUTH LOGIN's password after its base64 prompt)
     * 117/117.
     *
     * Batch 7, written for round 4 before any rule or earlier case was read, from wider angles (many
     * vendors' formats, client CLIs and exceptions, config formats, prose in many languages, benign ids
     * and hashes), and measured before any fix of its own: recall 302/319 (94.7%), precision 113/120
     * (94.2%), so 24 failures. Four benign expectations were written against the design and corrected:
     * three assumed double spaces survive (whitespace runs collapse) and one that a Twilio account SID
     * in a resource path is kept (it is redacted as the id half of the account's credential pair, as
     * batch 3 expects). After round 4's general fixes (percent-encoded names, key-shaped app ids,
     * daemons' words for a password, a secret XML element's value child, a bracketed value, word pass
     * phrases, prompt answers, snmp -c, chpasswd and kinit input, pgpass on any host, a key SID's
     * secret, CJK linking words, base64 hashes broken by '/', masked hints, unlabelled generated
     * passwords) 319/319 and 120/120.
     *
     * Batch 8, written for round 5 before any rule or earlier case was read, from angles the earlier
     * batches' headers did not name (cloud SDK exceptions, message brokers, CI logs, Terraform/Helm/
     * Ansible, push services, SSO flows, payment webhooks, LDAP, mail, SNMP, VPNs, credential helpers,
     * package managers, keystores, JWT positions, encoded and escaped secrets, benign ids and hashes),
     * and measured before any fix of its own: recall 262/284 (92.3%), precision 124/138 (89.9%), so 36
     * failures. After round 5's first general fixes (a NATS nkey seed, PAM's authtok and a clear-text
     * credential, the password argument of a login or bind call, what echo pipes into a flag or a
     * keystore tool reading stdin and what printf writes to an askpass script, quotes escaped at any
     * depth or as a Unicode escape, user-info after an escaped or percent-encoded scheme, InfluxDB's p
     * beside u, "expected", counts and Optional.empty as the sentence going on, data keys and
     * fingerprints in prose, short resource names, numbered id labels, public-key labels, RabbitMQ's
     * amq. names, a hash's expected value) 280/284 and 136/138; after further general fixes (a Z85 key that starts
     * with '<', net-snmp's createUser pass phrases, Poetry's and Composer's http-basic password,
     * Bundler's BUNDLE_HOST credentials) 284/284 and 136/138. The last two benign expectations were
     * written against the design and corrected: an FCM registration token is a generated run with no id
     * label, and NuGet's base64 SHA-512 content hash has the exact shape of an Azure storage account
     * key; both are redacted by shape, and the rest of each message is kept. So 284/284 and 138/138.
     *
     * Batch 9, written for round 6 before any rule or earlier case was read, from angles the earlier
     * batches' headers did not name (observability agents and APM configs, feature-flag and analytics
     * SDKs, databases' own error text and clients, FTP/SFTP/rsync/SMB, Windows tools and registry dumps,
     * browser automation, secrets managers' CLIs, Kotlin/Scala/Elixir/Rust/Swift dumps, YAML/JSON/TOML
     * flow styles, HTTP/2 and gRPC metadata, mail and DKIM keys, crypto wallets, benign messages of the
     * same systems), and measured before any fix of its own: recall 217/252 (86.1%), precision 96/98
     * (98.0%), so 37 failures. After round 6's general fixes (a sentence word before a closing quote,
     * the text browser automation types into a password field, AuthTokens.basic, a secret file quoted
     * after its own path, a Windows flag's value after a colon or a dotted name, what echo pipes into
     * runas or a command that unlocks or stores a secret, names glued to "pass", a command's next flag
     * and an environment variable's name are not values, Honeycomb and Infura keys, DB2's "using" and
     * ZooKeeper's "addauth digest", a secret-storing command's --value, a registry dump's REG_SZ data)
     * 240/252 and 98/98; after a YAML anchor before a quoted value, Oracle mkstore's credential
     * arguments, BTEQ's .LOGON and an ftp script's "open host user name x", 244/252 and 98/98; after a
     * URL without user-info under a key-shaped name (Apple's NSErrorFailingURLStringKey=https://...) is
     * kept for the URL rules and names ending in "map"/"maps" (Postfix's smtp_sasl_password_maps) name
     * lookup tables, 246/252 and 98/98. The six left need a shape no rule has without guessing: an
     * unlabelled upper-case SDK key, a davfs2 secrets line after a bare colon (a colon after a path is
     * usually an error, "open /etc/passwd: ..."), a sops --set path naming the password inside one quoted
     * argument, 0x-prefixed private keys in a Wallet call or an accounts array (the exact shape of a
     * transaction hash, which is kept), and a Solana keypair as an array of numbers. No batch-9
     * expectation was corrected. In round 7 a bracketed list of at least 32 decimal bytes is taken for
     * key material, which removes the Solana keypair: five left.
     *
     * Batch 10, written for round 7 before any rule or earlier case was read, from the independent
     * tester's angle (the issue's own categories as the failures Java, Python, Node, Go and .NET
     * applications log, with wide variation of phrasing, quoting, case, separators and position), and
     * measured before any fix of its own: recall 306/314 (97.5%), precision 130/133 (97.7%), so 11
     * failures. One benign expectation was written against the design and corrected: PostgreSQL's
     * "FATAL:  password ..." has two spaces, which the sanitizer collapses, so 306/314 and 131/133. After
     * round 7's general fixes (a name before "::" is a namespace path, not a label, so
     * ActionDispatch::Cookies::CookieOverflow is kept; a snake_case name=value after a label's colon is
     * the next parameter, "lacked access_token: token_type=Bearer"; a quoted secret name inside an array
     * of strings whose next string reads as a name is a list of names; a bracketed or wrapped pair of
     * strings under a secret's name, auth=('u', 'x') and HTTPBasicAuth('u', 'x'), loses its second;
     * Perl DBI's connect(dsn, user, password)) 309/314 and 133/133; after unixODBC's isql DSN user
     * password, URLs that are credentials beyond webhooks (PagerDuty's /integration/key and a mail's
     * one-time reset-password, magic-link, invite, activate and confirm links with a token-like
     * segment) and pass phrases after "is" or "was", 313/314 and 133/133. Further fixes for shapes
     * probed beyond the batch's cases (a password in square brackets after its name, "user x pass y",
     * Oracle's imp/exp and SQL*Plus's CONNECT, <key>name</key><value>x</value>, CamelCase error codes
     * in parentheses, lower-case snake_case error codes after a token's label, tuples of up to eight
     * strings, a cookie map's own pairs, "parola d'ordine" and Basque "pasahitza", Cerebras keys) left
     * the figures as they were. The one left is a 64-hex "hash=" in a magic link's query: "hash" names a
     * digest far more often than a secret (a download's checksum, a cache key, Laravel's e-mail hash
     * beside its signature), and the design keeps hashes. No input was changed.
     *
     * Batch 11, written for round 7 before any rule or earlier case was read, from what web frameworks,
     * HTTP clients and infrastructure tools print when they fail, and measured before any fix of its own:
     * recall 330/354 (93.2%), precision 141/151 (93.4%), so 34 failures. After round 7's general
     * fixes, by family: separators and non-values of framework and tool dumps (HikariCP's dot leaders,
     * Scala's "->", PHP print_r's "[name] =>"; Terraform references, SQL bind and psql variables, "===="
     * rules, Rust secrecy's Secret([REDACTED ..]) and a ${VAR:?} operator are no values; HCL attributes
     * before default, Python bytes header tuples; the flags of a command quoted whole, sh "sshpass -p x";
     * a quoted -e argument's value ends at the next pair; docker's --secret id=... is a spec) 339/354
     * and 147/151; "pass" beside a user's name, and a URL with user-info under a secret's name left to
     * the URL rules, 343/354; the literals languages print around a value (var_dump's string(N) "x", a
     * template literal, a Python (user, password) tuple) and Perl's DBI connect, 347/354; names of
     * settings that are not values (a .NET configuration key 'Jwt:SigningKey', "key kid=...", the next
     * field of a Go %+v dump after an empty one) 347/354 and 150/151; two-column tables and error pages'
     * environment tables, pydantic's input_value for a secret's field, HAProxy's insecure-password and
     * stats auth, cloud-init's chpasswd list, 353/354 and 150/151; a URL under a secret's name keeps its
     * scheme and host and loses its path and query ("InvalidToken: https://api.telegram.org/bot..."),
     * 354/354. Pieces of a secret left beside its marker, which no expectation catches, were then looked
     * for in every file and removed: a value ends at an '&' only where a parameter's name follows
     * (Tr0ub4dor&3), an encoded '&' after a literal '=' is the value's own, a base64 token split by its
     * '/' is taken with its random pieces. The one left is Symfony's X-Debug-Token, a six-hex profiler
     * id under a token's name that only a rule for that literal header would keep. No batch-11
     * expectation was corrected.
     *
     * Batch 12, written for round 8 before any rule or earlier case was read, from systems no earlier
     * batch covered in depth (structured loggers, data and ML tooling, log shippers, identity servers,
     * enterprise SaaS APIs, IoT, mobile, CI/CD, IaC), and measured before any fix of its own: recall
     * 267/282 (94.7%), precision 136/148 (91.9%), so 27 failures. After round 8's general fixes, by
     * family: placeholders a tool prints where a value would be (printf and message-template holes such
     * as %s and {Password}, YAML reference tags such as !secret, env:NAME, Ansible's no_log marker,
     * [secret], your_api_key, masks with a remark or after a token's prefix, a masked password in URL
     * user-info) and prose inside a JSON string ending at its closing quote, 269/282 and 146/148; a secret
     * named in one field and given in the next (ParameterKey/ParameterValue, type="password"), a
     * secret-storing command's --data, macOS security's -p/-P/-w, sapcontrol -user, wandb login KEY,
     * 276/282; a logger's msg kept from an omitted body, a sentence's end before a later colon, a named
     * list of 8 or more decimal bytes, an id after a word for its owner, 279/282 and 147/148; daemon
     * configuration blocks (Fluent Bit, Fluentd, Redis' requirepass), a script console's decrypted
     * Result:, Splunk's search ids, 281/282 and 148/148. The file was then made stricter (a pass phrase's
     * last word must not appear either, 31 cases; two pass phrases an unquoted shell line would split
     * were quoted), which measures 262/282 and 136/148 against the rules it was written blind before;
     * after a password with spaces in a line of pairs and after "was" runs to its field's end, 281/282
     * and 148/148. Further fixes for shapes probed beyond the batch's cases (a bare user:password@word
     * with no host after its '@', Go's {DSN:app:x@tcp(...)}, .NET's header arrays, a password's own
     * trailing '!', GitHub Actions' ::add-mask::, a parameter's Default, an escaped quote ending a value,
     * mosquitto_passwd -b, security's subcommands) left the figures as they were. The one left is App
     * Store Connect's key ID after "API key", redacted as the key. No input was weakened.
     *
     * Batch 14, written for round 8 before any rule or earlier case was read, from secrets written by
     * people and by application code (concatenated exception messages, tickets, chat-ops, audit lines,
     * e-mails in 21 languages, one-time codes, PINs, recovery codes, literals of many languages, SQL,
     * LDIF, htpasswd), and measured before any fix of its own: recall 231/322 (71.7%), precision
     * 151/156 (96.8%), so 96 failures. After round 8's general fixes, by family: one-time codes, OTPs and
     * recovery-code lists in 21 languages (SanitizerCodes) 264/322; passwords in people's prose (dashes,
     * adjectives and possessives after the noun, changes from x to y in other languages, a linking remark
     * in brackets, a label word's own colon, a password with spaces to the end of the text, CJK corner
     * quotes) 287/322; what is no value (a format string's %s, another language's last lower-case word,
     * CJK words after the colon) 156/156; literals of more languages (a C pointer, R's <-, Perl's
     * $ENV{NAME}, LDIF's '::', typed arrows, Erlang binaries, a setter's one quoted argument, strcpy's
     * field, a quote escaped deeper than its JSON string) 298/322; recovery answers, foreign words for
     * key and inflections of password 306/322; a change's old and new values 308/322; typographic
     * quotes, a slashed user and password, smtp.PlainAuth, ';' and '&' in spaced passwords, Lua long
     * strings, possessives 315/322 and 156/156; an aside in commas after the name ("the password, by
     * the way, is x") 316/322. One expectation was corrected: a JSON-in-a-string case escaped the
     * password's own quote as deep as the string's delimiters. The six left give no name a rule could go
     * by ("Reset to x as requested", "expected x but got y", "root=x; admin=y").
     *
     * Batch 13, written for round 8 before any rule or earlier case was read, from the clients the issue
     * names as their own errors, exception chains, debug logs and configuration echoes print them (JDBC,
     * ODBC, ADO.NET, Azure, AWS and Google SDKs, Spring Security, curl, kubectl, package managers,
     * database CLIs), and measured before any fix of its own: recall 273/277 (98.6%), precision 160/166
     * (96.4%), so 10 failures. After round 8's fixes by family: a password the client already masked
     * (app_user:***@db, Credentials=[PROTECTED]) is no value, 163/166; names of secrets are no values
     * (SecretId=prod/db-password, imagePullSecrets: [regcred], token_cache=/path), 166/166; Oracle
     * utilities' USERID parameter and PgBouncer's auth-file line, 275/277; the value member of an object
     * whose type names a secret (KeyVaultSecret { Value = ... }), 276/277; EF Core's parameter values
     * bound to a secret's column, 277/277. No batch-13 input or expectation was corrected.
     *
     * Batch 15, written for round 8 by a helper that read no rule, test or earlier batch, as the issue's
     * independent tester would write the corpus it describes (every category in proportion, the
     * hand-tried kinds, 71 messages over several lines), and measured against main before any fix of its
     * own: recall 337/406 (83.0%), precision 189/199 (95.0%); 16 secret cases (3.9%) leaked a secret and
     * 53 lost a diagnostic on a later line, which the sanitizer then dropped. After the following lines
     * of a message were kept and round 8's later fixes, 394/406 and 196/199, with 8 cases (2.0%) leaking:
     * passwords of plain words in prose ("passphrase was umber mosaic sprocket but key ...") and secrets
     * with nothing named beside them (mc alias set's positional secret, an image proxy's s= signature).
     * Two benign expectations assumed double spaces survive.
     */
    static final Map<String, Integer> MEASURED_MISSES = Map.of("/sanitizer-heldout-9.tsv", 5,
            "/sanitizer-heldout-10.tsv", 1, "/sanitizer-heldout-11.tsv", 1, "/sanitizer-heldout-12.tsv", 1,
            "/sanitizer-heldout-14.tsv", 6, "/sanitizer-heldout-15.tsv", 15);

    private static final FailureSanitizer SANITIZER = FailureSanitizer.standard();

    /** One row of the corpus. */
    record Case(String file, boolean secret, String source, String input, List<String> absent, List<String> present,
            boolean unchanged) {

        @Override
        public String toString() {
            return file + ": " + (secret ? "secret: " : "benign: ") + source;
        }

        /** Null when the sanitizer handles this case, else what went wrong. */
        String problem(String output) {
            for (String s : absent) {
                if (output.contains(s)) {
                    return "leaked \"" + s + "\" in: " + output;
                }
            }
            for (String p : present) {
                if (!output.contains(p)) {
                    return "lost \"" + p + "\" in: " + output;
                }
            }
            if (unchanged && !output.equals(input)) {
                return "changed a message with nothing to remove: " + output;
            }
            return output.length() > FailureSanitizer.MAX_LENGTH ? "longer than the cap: " + output.length() : null;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            cases.addAll(cases(file));
        }
        return cases;
    }

    static List<Case> cases(String file) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = SanitizerCorpusTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file + " is on the test classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                assertEquals(5, c.length, file + ":" + number + " has five tab-separated columns");
                assertTrue(c[0].equals("secret") || c[0].equals("benign"), file + ":" + number + " kind");
                String input = c[2].replace('\u23CE', '\n');
                cases.add(new Case(file.substring(1), c[0].equals("secret"), c[1], input, list(c[3]), list(c[4]),
                        c[4].equals("=")));
            }
        }
        return cases;
    }

    private static List<String> list(String column) {
        if (column.equals("-") || column.equals("=")) {
            return List.of();
        }
        return Arrays.asList(column.split(Pattern.quote("||")));
    }

    @Test
    @DisplayName("holds at least 300 secret cases, each naming its rule or client, and 150 benign cases")
    void corpusIsLargeEnough() throws IOException {
        List<Case> cases = cases();
        long secrets = cases.stream().filter(Case::secret).count();
        long benign = cases.size() - secrets;
        assertTrue(secrets >= 300, "secret cases: " + secrets);
        assertTrue(benign >= 150, "benign cases: " + benign);
        assertTrue(cases.stream().filter(Case::secret).allMatch(c -> !c.source().isBlank() && !c.absent().isEmpty()),
                "every secret case names its source and its secret");
    }

    @Test
    @DisplayName("holds at least 300 secret and 80 benign cases in the held-out batches, each secret naming its source")
    void heldOutBatchesAreLargeEnough() throws IOException {
        List<Case> heldOut = new ArrayList<>();
        for (String file : FILES.subList(1, FILES.size())) {
            heldOut.addAll(cases(file));
        }
        long secrets = heldOut.stream().filter(Case::secret).count();
        assertTrue(secrets >= 300, "held-out secret cases: " + secrets);
        assertTrue(heldOut.size() - secrets >= 80, "held-out benign cases: " + (heldOut.size() - secrets));
        assertTrue(heldOut.stream().filter(Case::secret).allMatch(c -> !c.source().isBlank() && !c.absent().isEmpty()),
                "every held-out secret case names its source and its secret");
    }

    @Test
    @DisplayName("removes every secret and keeps every benign message (prints recall and precision per file)")
    void recallAndPrecision() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String file : FILES) {
            List<String> failed = recallAndPrecision(file);
            int allowed = MEASURED_MISSES.getOrDefault(file, 0);
            if (failed.size() > allowed) {
                problems.addAll(failed);
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " cases failed:\n" + String.join("\n", problems));
    }

    private static List<String> recallAndPrecision(String file) throws IOException {
        List<Case> cases = cases(file);
        List<String> problems = new ArrayList<>();
        int secrets = 0;
        int removed = 0;
        int benign = 0;
        int kept = 0;
        for (Case c : cases) {
            String problem = c.problem(SANITIZER.sanitize(c.input()));
            if (c.secret()) {
                secrets++;
                removed += problem == null ? 1 : 0;
            } else {
                benign++;
                kept += problem == null ? 1 : 0;
            }
            if (problem != null) {
                problems.add(c + ": " + problem);
            }
        }
        System.out.printf(Locale.ROOT, "sanitizer corpus %s: recall %d/%d secret cases fully removed (%.1f%%), "
                + "precision %d/%d benign cases intact (%.1f%%)%n", file.substring(1), removed, secrets,
                100.0 * removed / secrets, kept, benign, 100.0 * kept / benign);
        return problems;
    }
}
