package dev.opsruns.core.internal;

import dev.opsruns.core.internal.SanitizerKeys.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts passwords in command lines a failure message quotes: the flags of database and transfer
 * tools ({@code mysqldump -pS3cret}, {@code sqlcmd -P x}, {@code sshpass -p 'x'}, {@code redis-cli -a x},
 * {@code curl -u user:x}, {@code smbclient -U user%x}, {@code openssl -passin pass:x}), long flags and
 * PowerShell parameters named for a secret ({@code --password x}, {@code -ApiKey x}), user:password
 * flags of any tool ({@code --auth u:x}), what {@code echo x |} pipes into a {@code --password-stdin}
 * or what {@code printf} writes to an askpass script, protocol commands a transcript quotes (Redis
 * {@code AUTH x}, FTP {@code PASS x}, IMAP {@code LOGIN}), SQL that sets a password
 * ({@code IDENTIFIED BY 'x'}), .pgpass lines, Oracle's {@code user/password@db} form (sqlplus, expdp,
 * JDBC thin URLs), and the password argument of a call that logs in ({@code server.login('u', 'x')}).
 *
 * <p>A flag's meaning depends on its tool ({@code -p} is a port to psql and docker run, a password to
 * mysql and sshpass), so short flags count only after the tool that gives them that meaning, within
 * one command (up to the next {@code |}, {@code ;} or {@code &&}). One forward scan over the tokens.
 */
final class SanitizerCommands {

    /** How a tool takes its secret. */
    private record Tool(List<String> attached, List<String> separate, List<String> userPass, boolean oracle,
            Set<String> context) {
    }

    // Words one of which must stand near a separate flag for it to count: "docker login -p", "gh secret set -b".
    private static final Set<String> LOGIN_WORDS = Set.of("login", "add");

    private static final Tool MYSQL = new Tool(List.of("-p"), List.of(), List.of(), false, Set.of());
    private static final Tool SQLCMD = new Tool(List.of("-P"), List.of("-P"), List.of(), false, Set.of());
    private static final Tool SEPARATE_P = new Tool(List.of(), List.of("-p"), List.of(), false, Set.of());
    private static final Tool LOGIN_P = new Tool(List.of(), List.of("-p"), List.of(), false, LOGIN_WORDS);
    // az: -p is the password of "az login" and the admin password of a database server's create and
    // update ("az sql server create -u admin -p x"); elsewhere it is --parameters or --path
    private static final Tool AZ = new Tool(List.of(), List.of("-p"), List.of(), false,
            Set.of("login", "add", "sql", "mysql", "postgres", "mariadb"));
    private static final Tool ORACLE = new Tool(List.of(), List.of(), List.of(), true, Set.of());
    // net-snmp's v1/v2c community (a shared password) and v3 authentication and privacy pass phrases
    private static final Tool SNMP = new Tool(List.of(), List.of("-c", "-A", "-X"), List.of(), false, Set.of());
    private static final Tool HTTPIE = new Tool(List.of(), List.of(), List.of("-a", "--auth"), false, Set.of());

    // Long flags that take user:password in any tool: --user, --auth, --basic-auth, --proxy-user.
    private static final Set<String> USER_PASS_FLAGS = Set.of("--user", "--auth", "--basic-auth", "--proxy-user",
            "--creds", "--credentials", "--http-user", "--userpass", "-auth");

    // Tools whose --user is user:group, not user:password: docker run --user 1000:1000, --user app:app.
    private static final Set<String> RUNTIME_USER_TOOLS = Set.of("docker", "podman", "nerdctl", "buildah", "kubectl");

    // Tools that read "user:password" lines from standard input.
    private static final Set<String> USER_PASSWORD_LINE_TOOLS = Set.of("chpasswd", "chgpasswd", "newusers");

    // Tools that read a password from standard input without a flag saying so: echo x | kinit svc.
    private static final Set<String> PASSWORD_STDIN_TOOLS = Set.of("kinit", "cryptsetup");

    // Tools' flags and how many arguments after them the secret stands: Oracle mkstore's -createCredential
    // alias user x and -createEntry name x, SAP's sapcontrol -user name x.
    private static final Map<String, Map<String, Integer>> SECRET_ARGUMENT = Map.of(
            "mkstore", Map.of("-createcredential", 3, "-modifycredential", 3, "-createentry", 2, "-modifyentry", 2),
            "sapcontrol", Map.of("-user", 2));

    // Words of a command that stores a secret, whose value flag then carries it.
    private static final Set<String> SECRET_COMMAND_WORDS = Set.of("secret", "secrets", "securestring");
    private static final Set<String> VALUE_FLAGS = Set.of("--value", "--secret-value", "--secret-string", "--data");

    // Commands that read a piped line as a password: runas prompts for one, su and sudo -S too.
    private static final Set<String> PIPED_SECRET_TOOLS = Set.of("runas", "su");

    // How far into a piped command its subcommand word may stand: "gcloud secrets", "geth account unlock".
    private static final int MAX_SUBCOMMAND_TOKEN = 3;

    // Subcommand words that say a piped command reads a secret: "account unlock", "secrets create", "login".
    private static final Set<String> PIPED_SECRET_WORDS = Set.of("unlock", "secrets", "secret", "login", "passwd");

    // Flags that read the secret from standard input: what "echo x |" wrote into the pipe is it.
    private static final Set<String> STDIN_SECRET_FLAGS = Set.of("--password-stdin", "--with-token",
            "--token-stdin", "--secret-stdin", "--stdin", "--pass-stdin");

    // SASL mechanisms after SMTP/IMAP AUTH; anything else after Redis' AUTH is the password.
    private static final Set<String> AUTH_MECHANISMS = Set.of("PLAIN", "LOGIN", "XOAUTH2", "XOAUTH", "CRAM-MD5",
            "DIGEST-MD5", "NTLM", "GSSAPI", "OAUTHBEARER", "EXTERNAL", "ANONYMOUS", "SCRAM-SHA-1", "SCRAM-SHA-256");

    // SQL that sets a password: MySQL, MariaDB and Oracle's IDENTIFIED BY, with or without a plugin.
    private static final Pattern IDENTIFIED_BY = Pattern.compile("(?i)\\bIDENTIFIED\\s{1,3}+(?:WITH\\s{1,3}+[\\w'\"]{1,64}+"
            + "\\s{1,3}+)?(?:BY|AS)\\s{1,3}+(?:PASSWORD\\s{1,3}+)?(?:'([^']{1,256}+)'|\"([^\"]{1,256}+)\"|([^\\s;,)'\"]{1,256}+))");

    // A .pgpass line, hostname:port:database:username:password, where the message is about one.
    private static final Pattern PGPASS_LINE = Pattern.compile("(?<![\\w.:-])(?:[A-Za-z0-9][\\w-]{0,62}+(?:\\.[\\w-]{1,63}+){0,8}+"
            + "|\\*):(?:[0-9]{1,5}+|\\*):[^:\\s]{1,64}+:[^:\\s]{1,64}+:(\\S{1,256}+)");

    private static final Map<String, Tool> TOOLS = Map.ofEntries(
            Map.entry("mysql", MYSQL), Map.entry("mysqldump", MYSQL), Map.entry("mysqladmin", MYSQL),
            Map.entry("mysqlimport", MYSQL), Map.entry("mysqlcheck", MYSQL), Map.entry("mysqlpump", MYSQL),
            Map.entry("mysqlshow", MYSQL), Map.entry("mysqlsh", MYSQL), Map.entry("mariadb", MYSQL),
            Map.entry("mariadb-dump", MYSQL), Map.entry("mariadb-admin", MYSQL), Map.entry("mydumper", MYSQL),
            Map.entry("myloader", MYSQL),
            Map.entry("sshpass", new Tool(List.of("-p"), List.of("-p"), List.of(), false, Set.of())),
            Map.entry("sqlcmd", SQLCMD), Map.entry("bcp", SQLCMD), Map.entry("osql", SQLCMD), Map.entry("isql", SQLCMD),
            Map.entry("redis-cli", new Tool(List.of(), List.of("-a", "--pass", "--askpass"), List.of(), false, Set.of())),
            Map.entry("mongo", SEPARATE_P), Map.entry("mongosh", SEPARATE_P), Map.entry("mongodump", SEPARATE_P),
            Map.entry("mongorestore", SEPARATE_P), Map.entry("mongoexport", SEPARATE_P),
            Map.entry("mongoimport", SEPARATE_P), Map.entry("mongostat", SEPARATE_P), Map.entry("cqlsh", SEPARATE_P),
            Map.entry("twine", SEPARATE_P), Map.entry("psexec", SEPARATE_P), Map.entry("paexec", SEPARATE_P),
            Map.entry("psexec64", SEPARATE_P), Map.entry("winrs", SEPARATE_P), Map.entry("cf", SEPARATE_P),
            Map.entry("docker", LOGIN_P), Map.entry("podman", LOGIN_P), Map.entry("nerdctl", LOGIN_P),
            Map.entry("helm", LOGIN_P), Map.entry("oras", LOGIN_P), Map.entry("crane", LOGIN_P),
            Map.entry("skopeo", LOGIN_P), Map.entry("buildah", LOGIN_P), Map.entry("regctl", LOGIN_P),
            Map.entry("az", AZ), Map.entry("oc", LOGIN_P), Map.entry("argocd", LOGIN_P),
            Map.entry("ldapsearch", sep("-w")), Map.entry("ldapmodify", sep("-w")), Map.entry("ldapadd", sep("-w")),
            Map.entry("ldapdelete", sep("-w")), Map.entry("ldapwhoami", sep("-w")), Map.entry("ldappasswd", sep("-w", "-s")),
            Map.entry("zip", sep("-P")), Map.entry("unzip", sep("-P")), Map.entry("zipcloak", sep("-P")),
            Map.entry("7z", new Tool(List.of("-p"), List.of(), List.of(), false, Set.of())),
            Map.entry("7za", new Tool(List.of("-p"), List.of(), List.of(), false, Set.of())),
            Map.entry("rar", new Tool(List.of("-p", "-hp"), List.of(), List.of(), false, Set.of())),
            Map.entry("unrar", new Tool(List.of("-p"), List.of(), List.of(), false, Set.of())),
            Map.entry("ssh-keygen", sep("-P", "-N")),
            Map.entry("curl", new Tool(List.of(), List.of(), List.of("-u", "--user", "-U", "--proxy-user"), false,
                    Set.of())),
            Map.entry("smbclient", new Tool(List.of(), List.of(), List.of("-U", "--user"), false, Set.of())),
            Map.entry("rpcclient", new Tool(List.of(), List.of(), List.of("-U", "--user"), false, Set.of())),
            Map.entry("smbmap", sep("-p")), Map.entry("mount.cifs", sep("-p")),
            Map.entry("openssl", sep("-passin", "-passout", "-pass", "-password", "-k")),
            Map.entry("sqlplus", ORACLE), Map.entry("expdp", ORACLE), Map.entry("impdp", ORACLE),
            Map.entry("rman", ORACLE), Map.entry("sqlldr", ORACLE), Map.entry("dgmgrl", ORACLE),
            Map.entry("tkprof", ORACLE), Map.entry("sqlcl", ORACLE), Map.entry("imp", ORACLE), Map.entry("exp", ORACLE),
            Map.entry("wget", sep()), Map.entry("htpasswd", sep()), Map.entry("rabbitmqctl", sep()),
            Map.entry("nuget", LOGIN_P), Map.entry("vault", sep()), Map.entry("net", sep()),
            Map.entry("dotnet", LOGIN_P), Map.entry("ipmitool", sep("-P")), Map.entry("vsql", sep("-w")), Map.entry("snmpwalk", SNMP),
            Map.entry("snmpget", SNMP), Map.entry("snmpset", SNMP), Map.entry("snmpbulkwalk", SNMP),
            Map.entry("snmpbulkget", SNMP), Map.entry("snmptable", SNMP), Map.entry("snmptrap", SNMP),
            Map.entry("http", HTTPIE), Map.entry("https", HTTPIE), Map.entry("xh", HTTPIE), Map.entry("xhs", HTTPIE),
            Map.entry("influx", sep("-t")), Map.entry("schtasks", sep("/RP", "/rp", "/P", "/p")),
            Map.entry("lftp", new Tool(List.of(), List.of(), List.of("-u", "--user"), false, Set.of())),
            // DB2's CLP: connect to db user u using x; ZooKeeper's CLI: addauth digest u:x
            Map.entry("db2", sep("using", "USING")),
            Map.entry("addauth", new Tool(List.of(), List.of(), List.of("digest"), false, Set.of())),
            // macOS security: unlock-keychain and create-keychain -p x, import -P x, add-generic-password -w x;
            // find-identity's -p is a policy, find-generic-password's -w asks for the password's output
            Map.entry("security", new Tool(List.of(), List.of("-p", "-P", "-w"), List.of(), false, Set.of(
                    "unlock-keychain", "create-keychain", "import", "add-generic-password", "add-internet-password",
                    "set-keychain-password"))),
            Map.entry("wandb", sep()), Map.entry("snyk", sep()), Map.entry("ngrok", sep()),
            Map.entry("mosquitto_passwd", sep()),
            Map.entry("gh", new Tool(List.of(), List.of("--body", "-b"), List.of(), false, Set.of("secret"))));

    /*
     * Oracle's user/password@connect: after "thin:" in a JDBC URL, or standing alone. What follows '@'
     * decides: "//host", a host with a dot or a port, or a TNS alias where the message is about Oracle.
     * A version ("actions/checkout@v4"), a digest ("acme/web@sha256:...") or a path never qualifies.
     */
    private static final Pattern ORACLE_CREDENTIALS = Pattern.compile(
            "(?<![\\w/@.$#\\\\-])([A-Za-z][\\w$#]{0,29}+)/(\"[^\"]{1,64}+\"|[^\\s/@\"'<>;,()\\[\\]]{1,128}+)@"
            + "(//)?([A-Za-z0-9\\[(][\\w.\\-:\\[\\]%]{0,253}+)?");

    private static final Pattern ORACLE_CONTEXT =
            Pattern.compile("(?i)\\b(?:ora-\\d|oracle|sqlplus|tns|thin:|oci8?:|expdp|impdp|rman|sqlldr|dgmgrl|listener"
                    // the utilities' own error prefixes, and SQL*Plus's CONNECT command before its logon
                    + "|udi-\\d|sp2-\\d|kup-\\d|lrm-\\d|sql\\*loader-|conn(?:ect)?+\\s{1,3}+[A-Za-z][\\w$#]{0,29}+/)");

    private static final String QUOTED_ARG = "(?:\"[^\"]{0,256}+\"|'[^']{0,256}+'|[\\w.$]{1,64}+)";
    private static final Pattern CONNECT_CALL = Pattern.compile("(?i)\\b(?:new\\s{1,3}+PDO|new\\s{1,3}+mysqli|mysqli_connect"
            + "|mysql_connect|mysqli_real_connect|getConnection|pg_connect_params|PDO->__construct|mysqli->__construct"
            + "|ldap_bind|oci_connect|odbc_connect|sqlsrv_connect|db2_connect|DBI(?:->|::|\\s{1,3}+)connect(?:_cached)?+)"
            + "\\s{0,3}+\\(\\s{0,3}+" + QUOTED_ARG
            + "\\s{0,3}+,\\s{0,3}+" + QUOTED_ARG + "\\s{0,3}+,\\s{0,3}+(?:\"([^\"]{1,256}+)\"|'([^']{1,256}+)')");

    // sqlplus's first argument: user/password[@connect] [as sysdba]
    private static final Pattern ORACLE_LOGON = Pattern.compile("[A-Za-z][\\w$#]{0,29}+/[^/\\s]{1,128}+");

    private static final int MAX_TOKENS_PER_TOOL = 64;

    private static final Pattern HTPASSWD_BATCH = Pattern.compile("-[a-zA-Z]{0,8}b[a-zA-Z]{0,8}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern IP_OR_PORT = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}.{0,300}|[^:]{0,253}:\\d{2,5}(?:/.{0,300})?");

    private SanitizerCommands() {
    }

    /** True for a SASL response: base64, not a transcript's "S:" or a reply code. */
    private static boolean isBase64Response(String s, Token token) {
        String v = unquote(s.substring(token.start(), token.end()));
        if (v.endsWith("\\r\\n")) {
            v = v.substring(0, v.length() - 4);
        }
        int letters = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (!Character.isDigit(c) && c != '+' && c != '/' && !(c == '=' && i >= v.length() - 2)) {
                return false;
            }
        }
        return v.length() >= 4 && letters > 0;
    }

    /*
     * SMTP's AUTH LOGIN asks in base64: "334 VXNlcm5hbWU6" is "Username:", "334 UGFzc3dvcmQ6" is
     * "Password:", and what the client sends next is the password, in base64. A transcript may put a
     * speaker's mark before it ("C:", "C>", ">>>", "send:").
     */
    private static final Pattern SMTP_PASSWORD_PROMPT = Pattern.compile("[Uc]GFzc3dvcmQ6(?:\\\\r\\\\n)?['\"]?"
            + "(?:\\s{1,3}+(?:[A-Za-z]{0,8}+[:>]{1,3}+|[<>-]{1,4}+))?\\s{1,3}+['\"]?([A-Za-z0-9+/]{4,512}+={0,2})");

    /*
     * An expect script answers a password prompt with send: expect "password:"; send "x\r". What it
     * sends after a prompt for a password, pass phrase or PIN is the secret.
     */
    private static final Pattern EXPECT_SEND = Pattern.compile("\\bexpect\\s{1,3}+(?:-\\w{1,8}+\\s{1,3}+)?[\"{]"
            + "[^\"{}]{0,40}?(?i:pass|pin|phrase|secret|token)[^\"{}]{0,40}+[\"}]\\s{0,3}+[;{\\n]?\\s{0,3}+send\\s{1,3}+"
            + "(?:--\\s{1,3}+)?[\"{]([^\"{}]{1,256}?)(?:\\\\r|\\\\n)?[\"}]");

    // snmpd.conf's com2sec NAME SOURCE COMMUNITY: the last word is the community, a shared password.
    private static final Pattern COM2SEC = Pattern.compile("\\bcom2sec6?+\\s{1,3}+(?:-Cn\\s{1,3}+\\S{1,64}+\\s{1,3}+)?"
            + "\\S{1,64}+\\s{1,3}+\\S{1,64}+\\s{1,3}+([^\\s()]{1,128}+)");

    /*
     * net-snmp's createUser [-e ENGINE] NAME (MD5|SHA[-N]) AUTHPASS [(DES|AES[-N]) [PRIVPASS]]: the
     * word after the authentication protocol and the word after the privacy protocol are pass phrases.
     */
    private static final Pattern CREATE_USER = Pattern.compile("\\bcreateUser\\s{1,3}+"
            + "(?:-e\\s{1,3}+\\S{1,64}+\\s{1,3}+)?\\S{1,64}+\\s{1,3}+(?:MD5|SHA(?:-[0-9]{3})?+)\\s{1,3}+"
            + "\"?+([^\\s\"]{1,128}+)\"?+"
            + "(?:\\s{1,3}+(?:DES|AES(?:-[0-9]{3})?+)\\s{1,3}+\"?+([^\\s\"]{1,128}+))?+");

    // Poetry's and Composer's "config http-basic.REPO USER PASSWORD": the third word is the password.
    private static final Pattern HTTP_BASIC_CONFIG = Pattern.compile("\\bhttp-basic\\.[\\w.-]{1,128}+\\s{1,3}+"
            + "[^\\s\"']{1,64}+\\s{1,3}+[\"']?+([^\\s\"']{1,128}?)[\"']?+(?::?+(?:\\s|$))");

    // A flag that names the file a secret is read from: --auth-user-pass creds.txt, --password-file=pw.txt.
    private static final Pattern SECRET_FILE_FLAG = Pattern.compile("(?<![\\w-])--?+([A-Za-z][\\w-]{1,40}+)[= ]"
            + "([\\w./~-]{1,128}+)");

    // How far after the flag the message may quote that file's content.
    private static final int MAX_FILE_QUOTE_DISTANCE = 256;

    // Words that quote the content: "creds.txt contains vpnuser x".
    private static final List<String> CONTENT_VERBS = List.of(" contains ", " contained ", " holds ", " reads ");

    /**
     * Redacts what a message quotes of a secret's file after a flag named it:
     * {@code openvpn --auth-user-pass creds.txt; creds.txt contains vpnuser x}. The words after the
     * verb, to the end of the clause, are the file's lines.
     */
    private static String redactQuotedSecretFiles(String s) {
        Matcher m = SECRET_FILE_FLAG.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            String key = SanitizerKeys.normalize(m.group(1));
            boolean secret = namesSecretFile(key) || key.contains("pwd");
            String file = m.group(2);
            if (!secret || file.indexOf('.') < 0 && file.indexOf('/') < 0) {
                continue; // a file has an extension or a directory: the flag's value itself is another rule's
            }
            addQuotedContent(s, m.end(), file, CONTENT_VERBS, spans);
        }
        // A secret's file by its own name: "/etc/rsyncd.secrets contains backup:x", "credentials file
        // /etc/passwd-s3fs ...; contents id:x"
        Matcher path = SECRET_PATH.matcher(s);
        while (path.find()) {
            if (isSecretFile(path.group(1))) {
                addQuotedContent(s, path.start(1), path.group(1), PATH_CONTENT_VERBS, spans);
                int contents = s.substring(path.end(), Math.min(s.length(), path.end() + MAX_FILE_QUOTE_DISTANCE))
                        .indexOf(" contents ");
                if (contents >= 0) {
                    int start = path.end() + contents + " contents ".length();
                    addSpan(s, start, clauseEnd(s, start), spans);
                }
            }
        }
        return apply(s, spans);
    }

    // An absolute or home-relative path, whose last part may name a secret's file.
    private static final Pattern SECRET_PATH = Pattern.compile("(?<![\\w./~-])((?:~|\\.{1,2}+)?+/[\\w./~-]{1,128}+)");

    // Words after a secret file's own path that quote its content. Not a colon: "open /etc/passwd: no such file".
    private static final List<String> PATH_CONTENT_VERBS = List.of(" contains ", " contained ", " holds ");

    /** Redacts the clause after {@code file} and one of {@code verbs}, looked for from {@code from}. */
    private static void addQuotedContent(String s, int from, String file, List<String> verbs, List<int[]> spans) {
        String near = s.substring(from, Math.min(s.length(), from + MAX_FILE_QUOTE_DISTANCE));
        for (String verb : verbs) {
            int at = near.indexOf(file + verb);
            if (at >= 0) {
                int start = from + at + file.length() + verb.length();
                addSpan(s, start, clauseEnd(s, start), spans);
            }
        }
    }

    /** The end of up to three words from {@code start}, before a ';', ',' or a sentence's last period. */
    private static int clauseEnd(String s, int start) {
        int i = start;
        int end = start;
        for (int words = 0; words < 3 && i < s.length(); words++) {
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && ";,".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            end = i;
            if (i >= s.length() || s.charAt(i) != ' ') {
                break;
            }
            i++;
        }
        while (end > start && ".!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /**
     * Redacts a secret given in answer to a prompt for one, or with no name beside it: the base64
     * password a client sent after SMTP's "334 UGFzc3dvcmQ6", what an expect script sends after a
     * password prompt, the community of snmpd's com2sec, the pass phrases of net-snmp's createUser, the
     * password of Poetry's and Composer's http-basic setting, what a message quotes of a secret's file.
     */
    static String redactPromptAnswers(String s) {
        String out = s;
        if (out.indexOf("expect") >= 0) {
            out = redactGroup(out, EXPECT_SEND.matcher(out), m -> 1);
        }
        if (out.indexOf("com2sec") >= 0) {
            out = redactGroup(out, COM2SEC.matcher(out), m -> 1);
        }
        if (CONTENT_VERBS.stream().anyMatch(out::contains) || out.contains(" contents ")) {
            out = redactQuotedSecretFiles(out);
        }
        if (out.indexOf("http-basic.") >= 0) {
            out = redactGroup(out, HTTP_BASIC_CONFIG.matcher(out), m -> 1);
        }
        if (out.indexOf("createUser") >= 0) {
            out = redactGroup(out, CREATE_USER.matcher(out), m -> 1);
            out = redactGroup(out, CREATE_USER.matcher(out), m -> m.group(2) != null ? 2 : 0);
        }
        return redactSmtpLogin(out);
    }

    /** Redacts the base64 password a client sent after SMTP's "334 UGFzc3dvcmQ6" prompt. */
    private static String redactSmtpLogin(String s) {
        if (s.indexOf("GFzc3dvcmQ6") < 0) {
            return s;
        }
        Matcher m = SMTP_PASSWORD_PROMPT.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(1)).append(SanitizerRules.REDACTED);
            copied = m.end(1);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static Tool sep(String... flags) {
        return new Tool(List.of(), List.of(flags), List.of(), false, Set.of());
    }

    /** Applies the command-line rules to {@code s}. */
    static String redact(String s, SanitizerSettings settings) {
        String out = redactQuotedCommands(redactFlags(s, settings), settings);
        out = redactConnectCalls(out);
        out = redactIdentifiedBy(out);
        out = redactPgpass(out);
        out = redactRegistryValues(out, settings);
        out = redactUserSlashPasswords(redactConfigDirectives(out));
        out = redactDecryptedResults(out);
        return redactOracle(out);
    }

    // How far before a script console's "Result:" the call that decrypted it is looked for.
    private static final int MAX_DECRYPT_CALL = 512;

    // Calls whose return value is a secret's plain text: Jenkins' Secret.decrypt, Secret.toString and
    // getPlainText, .NET's Unprotect, a key vault client's decrypt.
    private static final List<String> DECRYPT_CALLS = List.of("decrypt(", "getplaintext(", "unprotect(",
            "secret.tostring(");

    /**
     * Redacts what a script console printed as the result of a call that decrypts a secret (Jenkins'
     * {@code println(hudson.util.Secret.decrypt("{AQAAAB...}")) Result: x}): the word after "Result:".
     */
    private static String redactDecryptedResults(String s) {
        int result = s.indexOf("Result: ");
        if (result < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        while (result >= 0) {
            String before = s.substring(Math.max(copied, result - MAX_DECRYPT_CALL), result).toLowerCase(Locale.ROOT);
            int start = result + "Result: ".length();
            int end = start;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            boolean decrypted = false;
            for (String call : DECRYPT_CALLS) {
                decrypted |= before.contains(call);
            }
            if (decrypted && end > start && !SanitizerValues.isPlaceholder(s.subSequence(start, end))
                    && !s.startsWith(SanitizerRules.REDACTED, start)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, start).append(SanitizerRules.REDACTED);
                copied = end;
            }
            result = s.indexOf("Result: ", Math.max(end, result + 1));
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /*
     * Daemons' config directives that give a secret with no '=' or flag: HAProxy's userlist
     * "user ops insecure-password x" and "stats auth admin:x", cloud-init's chpasswd list "root:x",
     * PgBouncer's auth file ("broken auth file userlist.txt line 3: \"app\" \"x\"", a quoted user and
     * its quoted password or hash, as the server quotes the line), and GitHub Actions' "::add-mask::x".
     */
    private static final Pattern CONFIG_DIRECTIVE = Pattern.compile(
            "(?i)\\binsecure-password\\s{1,3}+([^\\s\"']{1,256}+)"
            + "|\\bstats\\s{1,3}+auth\\s{1,3}+[^\\s:]{1,64}+:([^\\s\"']{1,256}+)"
            + "|\\bchpasswd:\\s{0,3}+\\{?+\\s{0,3}+list:\\s{0,3}+[\"'|]?+\\s{0,3}+[\\w.-]{1,64}+:"
            + "([^\\s\"',}]{1,256}+)"
            + "|(?:userlist\\.txt|auth_file)[^\"]{0,40}+\"[^\"\\s]{1,64}+\"\\s{1,3}+\"([^\"]{1,256}+)\""
            // GitHub Actions' workflow command ::add-mask::x, whose value is a secret by definition
            + "|::add-mask::([^\\s\"'][^\"'\\n]{0,255}+)");

    /*
     * A user label, its user and the password after a slash, as people pass credentials on in chat and
     * tickets: "login: admin / Winter2024!", "user=svc_etl/Ab12cd34", "creds: ops / S3cret!" (whose user
     * the pair rules have already taken as the value of "creds").
     */
    private static final Pattern USER_SLASH_PASSWORD = Pattern.compile("(?i)(?<![\\w.-])(?:user(?:name)?|login"
            + "|usr|creds|credentials|benutzer|utilisateur|usuario)\\s{0,3}+[:=]\\s{0,3}+(?:[\\w.@-]{1,64}+|\\[REDACTED])\\s{0,3}+/"
            + "\\s{0,3}+([^\\s\"',;/)]{6,128}+)(?=$|[\\s\"',;)])");

    /** Redacts the password of {@link #USER_SLASH_PASSWORD} when it has a password's digits or symbols. */
    private static String redactUserSlashPasswords(String s) {
        if (s.indexOf('/') < 0) {
            return s;
        }
        if (!hasUserLabel(s.toLowerCase(Locale.ROOT))) {
            return s; // the pattern's scan of the window only where one of its labels stands before ':' or '='
        }
        return redactGroup(s, USER_SLASH_PASSWORD.matcher(s), m -> {
            String v = m.group(1);
            boolean letter = v.chars().anyMatch(Character::isLetter);
            boolean mark = v.chars().anyMatch(c -> Character.isDigit(c) || "!@#$%^&*+=~?".indexOf(c) >= 0);
            return letter && mark && looksLikeSecretArgument(v) && !SanitizerValues.isVersion(v) ? 1 : 0;
        });
    }

    private static final String[] USER_LABELS = {"user", "username", "login", "usr", "creds", "credentials", "benutzer",
        "utilisateur", "usuario"};

    /** True when one of {@link #USER_LABELS} ends a word and ':' or '=' follows it after at most three spaces. */
    private static boolean hasUserLabel(String lower) {
        for (String label : USER_LABELS) {
            for (int at = lower.indexOf(label); at >= 0; at = lower.indexOf(label, at + 1)) {
                int i = at + label.length();
                while (i < lower.length() && i - at - label.length() < 3 && lower.charAt(i) == ' ') {
                    i++;
                }
                if (i < lower.length() && (lower.charAt(i) == ':' || lower.charAt(i) == '=')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Redacts the secrets of {@link #CONFIG_DIRECTIVE}'s directives. */
    private static String redactConfigDirectives(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.contains("insecure-password") && !lower.contains("chpasswd")
                && !(lower.contains("stats") && lower.contains("auth")) && !lower.contains("userlist.txt")
                && !lower.contains("auth_file") && !lower.contains("::add-mask::")) {
            return s;
        }
        return redactGroup(s, CONFIG_DIRECTIVE.matcher(s),
                m -> m.group(1) != null ? 1 : m.group(2) != null ? 2 : m.group(3) != null ? 3
                        : m.group(4) != null ? 4 : 5);
    }

    // A registry dump's "name REG_SZ data" (reg query, regedit exports as text): the name says what the data is.
    private static final Pattern REGISTRY_VALUE = Pattern.compile(
            "(?<![\\w.-])([A-Za-z][\\w.-]{0,63}+)\\s{1,8}+REG_(?:SZ|EXPAND_SZ|MULTI_SZ)\\s{1,8}+([^\\s\"]{1,256}+)");

    /** Redacts the data of a registry value whose name names a secret: Winlogon's DefaultPassword REG_SZ x. */
    private static String redactRegistryValues(String s, SanitizerSettings settings) {
        if (s.indexOf("REG_") < 0) {
            return s;
        }
        return redactGroup(s, REGISTRY_VALUE.matcher(s),
                m -> SanitizerKeys.strength(m.group(1), settings) == Strength.STRONG ? 2 : 0);
    }

    /** Redacts the password of {@code CREATE USER x IDENTIFIED BY 'y'} and its variants. */
    private static String redactIdentifiedBy(String s) {
        if (s.toLowerCase(Locale.ROOT).indexOf("identified") < 0) {
            return s;
        }
        // unquoted, only a password-like word: "the fault was identified by the monitoring team" is prose
        return redactGroup(s, IDENTIFIED_BY.matcher(s), m -> m.group(1) != null ? 1 : m.group(2) != null ? 2
                : looksLikeSecretArgument(m.group(3)) ? 3 : 0);
    }

    /** Redacts the password field of .pgpass lines that a message about that file quotes. */
    private static String redactPgpass(String s) {
        if (s.toLowerCase(Locale.ROOT).indexOf("pgpass") < 0) {
            return s;
        }
        return redactGroup(s, PGPASS_LINE.matcher(s), m -> 1);
    }

    /**
     * Replaces, in every match, the group {@code group} picks (0: none), unless it is a placeholder or
     * already redacted.
     */
    static String redactGroup(String s, Matcher m, java.util.function.ToIntFunction<Matcher> group) {
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int g = group.applyAsInt(m);
            if (g == 0) {
                continue; // the group chooser found nothing secret in this match
            }
            int start = m.start(g);
            int end = m.end(g);
            if (start < copied || SanitizerValues.isPlaceholder(s.subSequence(start, end))
                    || s.startsWith(SanitizerRules.REDACTED, start)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, start).append(SanitizerRules.REDACTED);
            copied = end;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /**
     * Redacts the password argument of connect calls a stack or log line quotes:
     * {@code new PDO("mysql:host=db01", "ops", "x")}, {@code mysqli_connect("db01", "ops", "x")},
     * {@code DriverManager.getConnection(url, "ops", "x")}, Perl's {@code DBI->connect('dbi:Pg:...', 'ops', 'x')}
     * and the "DBI connect(...) failed" it reports: the third string argument.
     */
    private static String redactConnectCalls(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.indexOf('(') < 0 || !(lower.contains("pdo") || lower.contains("mysql") || lower.contains("getconnection")
                || lower.contains("_connect") || lower.contains("__construct") || lower.contains("ldap_bind")
                || lower.contains("dbi"))) {
            return s;
        }
        return redactGroup(s, CONNECT_CALL.matcher(s), m -> m.group(1) != null ? 1 : 2);
    }

    private record Token(int start, int end) {
    }

    /**
     * Reads the flags of a command line quoted whole as one argument: sh "sshpass -p x scp ...",
     * command: 'redis-server --requirepass x', bash -c '...'. The outer scan sees one token there; the
     * quoted text is a command line of its own. One level deep, each quoted token at most 512
     * characters, so the work stays linear.
     */
    private static String redactQuotedCommands(String s, SanitizerSettings settings) {
        if (s.indexOf(" -") < 0 && s.indexOf(" /") < 0) {
            return s; // no flag, neither a Unix nor a Windows one (net use ... /user:x)
        }
        StringBuilder out = null;
        int copied = 0;
        for (Token token : tokens(s)) {
            char quote = s.charAt(token.start());
            if (quote != '\'' && quote != '"') {
                continue;
            }
            int close = s.indexOf(quote, token.start() + 1);
            if (close < 0 || close > token.end()) {
                continue;
            }
            String inner = s.substring(token.start() + 1, close);
            if (inner.indexOf(' ') < 0 || inner.indexOf(" -") < 0 && inner.indexOf(" /") < 0) {
                continue;
            }
            String redacted = redactFlags(inner, settings);
            if (redacted.equals(inner)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, token.start() + 1).append(redacted);
            copied = close;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static String redactFlags(String s, SanitizerSettings settings) {
        List<Token> tokens = tokens(s);
        List<int[]> spans = new ArrayList<>();
        Tool tool = null;
        String toolName = null;
        boolean login = false;
        int toolTokens = 0;
        List<String> positional = new ArrayList<>();
        int positionalRun = 0; // arguments in a row since the last flag
        boolean htpasswdBatch = false;
        boolean userSent = false; // an FTP or POP3 transcript's USER command came first
        Token echoed = null; // what "echo x" or "printf x" wrote, while the pipe it feeds lasts
        boolean piped = false;
        boolean secretCommand = false; // the command so far stores or sets a secret
        int sincePipe = 0; // tokens of the current command
        boolean flagSincePipe = false; // a flag came first: the words after it are its arguments
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            String raw = s.substring(token.start(), token.end());
            String text = unquote(raw);
            sincePipe++;
            if (isSeparator(raw)) {
                tool = null;
                secretCommand = false;
                sincePipe = 0;
                flagSincePipe = false;
                piped = raw.equals("|") && echoed != null;
                if (!piped) {
                    echoed = null;
                }
                continue;
            }
            String base = baseName(text);
            boolean flagBefore = flagSincePipe;
            flagSincePipe |= text.startsWith("-");
            if ((base.equals("echo") || base.equals("printf")) && t + 1 < tokens.size()) {
                int arg = t + 1;
                while (arg < tokens.size() - 1 && s.charAt(tokens.get(arg).start()) == '-'
                        && tokens.get(arg).end() - tokens.get(arg).start() <= 3) {
                    arg++; // echo -n, printf --
                }
                echoed = tokens.get(arg);
                piped = false;
            } else if (echoed != null && !piped && (raw.equals(">") || raw.equals(">>")) && t + 1 < tokens.size()
                    && isSecretFile(unquote(s.substring(tokens.get(t + 1).start(), tokens.get(t + 1).end())))) {
                // printf '#!/bin/sh\necho x\n' > /tmp/askpass: the script an askpass variable runs prints it
                addSpan(s, scriptEchoStart(s, echoed), echoed.end() - (isQuoted(s.substring(echoed.start(),
                        echoed.end())) ? 1 : 0), spans);
                echoed = null;
            } else if (piped && (STDIN_SECRET_FLAGS.contains(text) || PASSWORD_STDIN_TOOLS.contains(base)
                    || base.endsWith("-keystore") || isSecretStdinFlag(text)
                    || text.startsWith("/dev/stdin") && t > 0 && isSecretStdinFlag(
                            s.substring(tokens.get(t - 1).start(), tokens.get(t - 1).end()) + "-stdin"))) {
                addValue(s, echoed, spans, false);
                echoed = null;
                piped = false;
            } else if (piped && (PIPED_SECRET_TOOLS.contains(base) || PIPED_SECRET_WORDS.contains(text)
                    && sincePipe > 1 && sincePipe <= MAX_SUBCOMMAND_TOKEN && !flagBefore)) {
                // echo x | runas ..., echo x | geth account unlock, echo -n x | gcloud secrets create n --data-file=-:
                // a command that runs as a user, unlocks or stores a secret reads the piped line as one; the
                // word is one of its subcommands, near its start ("echo x | grep -v login" is not)
                addValue(s, echoed, spans, false);
                echoed = null;
                piped = false;
            } else if (piped && USER_PASSWORD_LINE_TOOLS.contains(base)) {
                // echo 'deploy:x' | chpasswd: each line it reads is user:password
                String v = s.substring(echoed.start(), echoed.end());
                int colon = v.indexOf(':');
                if (colon > 0 && colon < v.length() - 1) {
                    addSpan(s, echoed.start() + colon + 1, echoed.end() - (isQuoted(v) ? 1 : 0), spans);
                }
                echoed = null;
                piped = false;
            }
            Tool found = TOOLS.get(base);
            if (found == null && (raw.equals("CONNECT") || raw.equals("CONN"))) {
                // SQL*Plus's own CONN[ECT] user/password[@db], upper-case as scripts and its echo write it;
                // the lower-case verb is prose far more often ("connect to redis/cache")
                found = ORACLE;
            }
            if (found != null) {
                tool = found;
                toolName = base;
                login = false;
                toolTokens = 0;
                positional.clear();
                positionalRun = 0;
                htpasswdBatch = false;
                if (raw.endsWith(";")) {
                    tool = null;
                }
                continue;
            }
            Token next = t + 1 < tokens.size() ? tokens.get(t + 1) : null;
            boolean afterAuth = t > 0 && s.startsWith("AUTH", tokens.get(t - 1).start())
                    && tokens.get(t - 1).end() - tokens.get(t - 1).start() == 4;
            if (raw.equals("LOGIN") && t + 2 < tokens.size() && !afterAuth) {
                // IMAP: a1 LOGIN "user" "password" (SMTP's AUTH LOGIN is a mechanism, below)
                addValue(s, tokens.get(t + 2), spans, false);
            }
            if (raw.equals("AUTH") && next != null && t + 2 < tokens.size()
                    && (s.startsWith("PLAIN", next.start()) || s.startsWith("LOGIN", next.start()))
                    && isBase64Response(s, tokens.get(t + 2))) {
                // SMTP: AUTH PLAIN <base64 of user and password>; in a transcript "S: 334" comes next instead
                addValue(s, tokens.get(t + 2), spans, false);
            } else if (text.equals("AUTH") && next != null
                    && !AUTH_MECHANISMS.contains(unquote(s.substring(next.start(), next.end())))) {
                // Redis: AUTH password, AUTH user password (MONITOR quotes each: "AUTH" "x")
                Token value = next;
                String first = unquote(s.substring(next.start(), next.end()));
                if (t + 2 < tokens.size() && SanitizerValues.isNameLike(first)) {
                    value = tokens.get(t + 2);
                }
                if (looksLikeSecretArgument(unquote(s.substring(value.start(), value.end())))) {
                    addValue(s, value, spans, false);
                }
            }
            if (raw.equals("USER")) {
                userSent = true;
            }
            if (raw.equals("PASS") && next != null && userSent
                    && looksLikeSecretArgument(unquote(s.substring(next.start(), next.end())))) {
                // FTP and POP3: USER name, then PASS password (a test runner's "PASS name" has no USER)
                addValue(s, next, spans, false);
            }
            // --user x:y, --auth x:y, --basic-auth=x:y: any tool
            if (isUserPassArgument(text, next) && !(tool != null && RUNTIME_USER_TOOLS.contains(toolName))) {
                Token value = text.indexOf('=') > 0 ? new Token(token.start() + raw.indexOf('=') + 1, token.end()) : next;
                String v = s.substring(value.start(), value.end());
                int colon = v.indexOf(':');
                String after = colon < 0 ? "" : unquote(v.substring(colon + 1));
                if (colon > 0 && !after.isEmpty() && !after.chars().allMatch(Character::isDigit) && !v.contains("://")) {
                    addSpan(s, value.start() + colon + 1, value.end() - (isQuoted(v) ? 1 : 0), spans);
                }
            }
            if (base.equals("convertto-securestring") && next != null) {
                // ConvertTo-SecureString 'P@ss' -AsPlainText -Force, or -String 'P@ss'
                boolean named = s.regionMatches(true, next.start(), "-String", 0, 7) && t + 2 < tokens.size();
                addValue(s, named ? tokens.get(t + 2) : next, spans, false);
            }
            if (text.equalsIgnoreCase("-AsPlainText") && t > 0 && isQuoted(s.substring(tokens.get(t - 1).start(),
                    tokens.get(t - 1).end()))) {
                // whatever cmdlet takes it, the quoted string before -AsPlainText is the secret in clear
                addValue(s, tokens.get(t - 1), spans, false);
            }
            if (tool == null && next != null && SHORT_PASSWORD_FLAGS.contains(text) && hasUserFlag(s, tokens, t)) {
                // mosquitto_pub -u sensor -P x, plink -l root -pw x: a tool no table knows, but a user
                // flag beside a p-flag gives it away; a port after -p is digits
                String v = unquote(s.substring(next.start(), next.end()));
                if (v.length() >= 4 && !v.startsWith("-") && !SanitizerValues.isPlaceholder(v) && !v.startsWith("$")
                        && !SanitizerValues.isPathLike(v) && !IP_OR_PORT.matcher(v).matches()
                        && !v.chars().allMatch(c -> Character.isDigit(c) || c == ':')) {
                    addValue(s, next, spans, false);
                }
            }
            if (tool == null && text.length() > 3 && (text.startsWith("/p:") || text.startsWith("-p:"))
                    && hasUserFlag(s, tokens, t)) {
                // xfreerdp /u:admin /p:x
                int start = token.start() + raw.indexOf(':') + 1;
                int end = token.end();
                while (end > start && (s.charAt(end - 1) == ':' || s.charAt(end - 1) == '"')) {
                    end--;
                }
                addSpan(s, s.charAt(start) == '"' ? start + 1 : start, end, spans);
            }
            String lowerText = text.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Map<String, Integer>> argument : SECRET_ARGUMENT.entrySet()) {
                int secretAt = argument.getValue().getOrDefault(lowerText, 0);
                if (secretAt > 0 && t + secretAt < tokens.size() && ranBefore(s, tokens, t, argument.getKey())) {
                    addValue(s, tokens.get(t + secretAt), spans, false);
                }
            }
            if (text.equals("user") && t >= 2 && t + 2 < tokens.size()
                    && s.startsWith("open", tokens.get(t - 2).start()) && tokens.get(t - 2).end() - tokens.get(t - 2).start() == 4
                    && looksLikeSecretArgument(unquote(s.substring(tokens.get(t + 2).start(), tokens.get(t + 2).end())))) {
                // an ftp script: open host, then user name password
                addValue(s, tokens.get(t + 2), spans, false);
            }
            if (text.equalsIgnoreCase(".logon") && next != null) {
                // BTEQ: .LOGON tdpid/user,password
                String v = s.substring(next.start(), next.end());
                int comma = v.indexOf(',');
                if (v.indexOf('/') > 0 && comma > v.indexOf('/') && comma + 1 < v.length()) {
                    int end = v.indexOf(',', comma + 1); // an account string may follow the password
                    addSpan(s, next.start() + comma + 1, end < 0 ? next.end() : next.start() + end, spans);
                }
            }
            if (text.equals("encrypt_string")) {
                // ansible-vault encrypt_string [--vault-id v] 'x' --name 'db_password': the plaintext it
                // is to encrypt, its one argument that is no flag's value
                for (int a = t + 1; a < tokens.size() && a <= t + 8; a++) {
                    Token arg = tokens.get(a);
                    if (s.charAt(arg.start()) != '-') {
                        addValue(s, arg, spans, false);
                        break;
                    }
                    if (s.substring(arg.start(), arg.end()).indexOf('=') < 0) {
                        a++; // the flag's value
                    }
                }
            }
            if (SECRET_COMMAND_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
                secretCommand = true;
            }
            if (VALUE_FLAGS.contains(text) && next != null && (secretCommand || storesSecret(s, tokens, t, settings))) {
                // az keyvault secret set --name n --value x, aws ssm put-parameter --type SecureString --value x
                addValue(s, next, spans, false);
            }
            // --password x, -Password x, -ApiKey x, --client-secret x: any tool
            // a flag that closes a bracket ("(or pass --token)") ends the remark it stood in: no value follows
            boolean closesRemark = raw.endsWith(")") || raw.endsWith("]");
            if (text.startsWith("-") && text.length() > 2 && text.indexOf('=') < 0 && next != null && !closesRemark) {
                String flag = text.substring(text.startsWith("--") ? 2 : 1);
                if (SanitizerKeys.strength(flag, settings) == Strength.STRONG && !isFlagWithoutValue(flag)
                        && !isSpecOfPairs(unquote(s.substring(next.start(), next.end())), settings)) {
                    addValue(s, next, spans, false);
                }
            }
            // Windows tools: /pass:x, /password:x, /pwd:x (cmdkey, wmic, net use /savecred ...)
            int colon = text.indexOf(':');
            if (text.startsWith("/") && colon > 2 && colon + 1 < text.length()
                    && isWindowsPasswordFlag(text.substring(1, colon), settings)) {
                int start = token.start() + raw.indexOf(':') + 1;
                int end = token.end();
                while (end > start && (s.charAt(end - 1) == ':' || s.charAt(end - 1) == '"')) {
                    end--; // the message's own colon after the command, or the argument's closing quote
                }
                addSpan(s, s.charAt(start) == '"' ? start + 1 : start, end, spans);
            }
            if (tool == null) {
                continue;
            }
            if (++toolTokens > MAX_TOKENS_PER_TOOL) {
                tool = null;
                continue;
            }
            if (tool.context().contains(text)) {
                login = true;
            }
            if (tool.oracle() && toolTokens <= 4 && ORACLE_LOGON.matcher(text).matches()) {
                int slash = raw.indexOf('/');
                int at = raw.indexOf('@', slash);
                int end = at < 0 ? raw.length() : at;
                int start = token.start() + slash + 1;
                if (end > slash + 1 && !raw.substring(slash + 1, end).startsWith("[REDACTED")) {
                    spans.add(new int[] {start, token.start() + end});
                }
                continue;
            }
            for (String flag : tool.attached()) {
                if (text.startsWith(flag) && text.length() > flag.length() && !text.startsWith("--")
                        && Character.isLetter(flag.charAt(flag.length() - 1))
                        && !(toolName.equals("curl") && flag.equals("-u"))) {
                    int start = token.start() + raw.indexOf(flag) + flag.length();
                    addSpan(s, start, token.end(), spans);
                }
            }
            boolean inContext = tool.context().isEmpty() || login || hasContext(s, tokens, t, tool.context());
            if (tool.separate().contains(text) && next != null && inContext) {
                addValue(s, next, spans, toolName.equals("openssl"));
            }
            int eq = text.indexOf('=');
            if (eq > 1 && tool.separate().contains(text.substring(0, eq)) && inContext) {
                // -p="x", --body=x
                addValue(s, new Token(token.start() + raw.indexOf('=') + 1, token.end()), spans, false);
            }
            int flagColon = text.indexOf(':');
            if (flagColon > 1 && eq < 0 && tool.separate().contains(text.substring(0, flagColon)) && inContext) {
                // Windows tools attach a flag's value with a colon: winrs -p:x
                addValue(s, new Token(token.start() + raw.indexOf(':') + 1, token.end()), spans, false);
            }
            boolean attachedUser = toolName.equals("curl") && text.startsWith("-u") && text.length() > 2
                    && !text.startsWith("--");
            if (tool.userPass().contains(text) && next != null || attachedUser) {
                Token value = attachedUser ? new Token(token.start() + raw.indexOf("-u") + 2, token.end()) : next;
                String v = s.substring(value.start(), value.end());
                int sep = v.indexOf(':');
                if (toolName.equals("smbclient") || toolName.equals("rpcclient")) {
                    sep = v.indexOf('%');
                } else if (toolName.equals("lftp")) {
                    sep = v.indexOf(','); // lftp -u user,password
                }
                if (sep >= 0) {
                    addSpan(s, value.start() + sep + 1, value.end() - (isQuoted(v) ? 1 : 0), spans);
                }
            }
            // positional passwords
            positionalRun = text.startsWith("-") ? 0 : positionalRun + 1;
            if (!text.startsWith("-")) {
                positional.add(text);
            } else if ((toolName.equals("htpasswd") || toolName.equals("mosquitto_passwd"))
                    && HTPASSWD_BATCH.matcher(text).matches()) {
                htpasswdBatch = true;
            }
            if (!text.startsWith("-") && (positionalSecret(toolName, positional, htpasswdBatch, text)
                    || toolName.equals("isql") && positional.size() == 3 && positionalRun == 3)) {
                // unixODBC's isql [-v] DSN user password: three words in a row; Sybase's isql takes -U and -P
                addSpan(s, token.start() + (isQuoted(raw) ? 1 : 0), token.end() - (isQuoted(raw) ? 1 : 0), spans);
            }
        }
        return apply(s, spans);
    }

    /**
     * True for a flag's value that is a list of settings whose first name is not a secret's: docker's
     * --secret id=npmrc,src=$HOME/.npmrc and --mount type=secret,id=x say where a secret is, not what.
     */
    private static boolean isSpecOfPairs(String value, SanitizerSettings settings) {
        int eq = value.indexOf('=');
        if (eq < 1 || eq > 16) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_')) {
                return false;
            }
        }
        return !SanitizerKeys.isSensitive(value.substring(0, eq), settings);
    }

    // Short flags that take a password when the same command also names a user.
    private static final Set<String> SHORT_PASSWORD_FLAGS = Set.of("-p", "-P", "-pw", "-pass", "-passwd", "-pwd");

    /** True when a user flag stands within a few tokens of {@code flagIndex}: -u x, --user x, /u:x, -l x. */
    private static boolean hasUserFlag(String s, List<Token> tokens, int flagIndex) {
        for (int i = Math.max(0, flagIndex - 8); i < Math.min(tokens.size(), flagIndex + 8); i++) {
            String text = s.substring(tokens.get(i).start(), tokens.get(i).end());
            if (isSeparator(text) && i > flagIndex) {
                return false;
            }
            if (text.equals("-u") || text.equals("-U") || text.equals("--user") || text.equals("--username")
                    || text.equals("-user") || text.equals("-username") || text.equals("-l")
                    || text.regionMatches(true, 0, "/u:", 0, 3) || text.regionMatches(true, 0, "/user:", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /** A Windows switch is letters only ("/pass:", "/password:"), so "/oauth/token:exchange" is a path. */
    private static boolean isWindowsPasswordFlag(String dotted, SanitizerSettings settings) {
        String flag = dotted.substring(dotted.lastIndexOf('.') + 1); // appcmd's /processModel.password:x
        return flag.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
                && (SanitizerKeys.strength(flag, settings) == Strength.STRONG || flag.equalsIgnoreCase("pass"));
    }

    /** True for a user:password flag at a token ("--auth", or "--auth=" with its value attached). */
    private static boolean isUserPassArgument(String text, Token next) {
        int eq = text.indexOf('=');
        String flag = eq > 0 ? text.substring(0, eq) : text;
        return USER_PASS_FLAGS.contains(flag) && (eq > 0 || next != null);
    }

    /** An argument that can be a password: not a word of prose, a path, a placeholder or a variable. */
    private static boolean looksLikeSecretArgument(String v) {
        if (v.isEmpty() || SanitizerValues.isPlaceholder(v) || SanitizerValues.isProseWord(v)
                || SanitizerValues.isPathLike(v) || v.indexOf('/') >= 0 || v.startsWith("$")) {
            return false;
        }
        boolean letter = v.chars().anyMatch(Character::isLetter);
        boolean other = v.chars().anyMatch(c -> Character.isDigit(c) || "!@#$%^&*+=~?_-".indexOf(c) >= 0);
        return v.length() >= 6 && letter && other || SanitizerValues.looksLikeCredential(v);
    }

    /** Flags named for a secret that take no value: --password-stdin, --ask-pass, --no-password. */
    private static boolean isFlagWithoutValue(String flag) {
        String key = SanitizerKeys.normalize(flag);
        return key.endsWith("stdin") || key.startsWith("ask") || key.startsWith("no") || key.endsWith("prompt")
                || key.endsWith("file") || key.endsWith("env") || key.startsWith("with");
    }

    private static boolean positionalSecret(String tool, List<String> positional, boolean htpasswdBatch, String text) {
        int count = positional.size();
        return switch (tool) {
            // htpasswd -b[c] passwordfile user password
            case "htpasswd", "mosquitto_passwd" -> htpasswdBatch && count == 3;
            // wandb login KEY, snyk auth TOKEN, ngrok authtoken TOKEN, ngrok config add-authtoken TOKEN
            case "wandb" -> count == 2 && positional.get(0).equals("login") && looksLikeSecretArgument(unquote(text));
            case "snyk" -> count == 2 && positional.get(0).equals("auth");
            case "ngrok" -> count == 2 && positional.get(0).equals("authtoken")
                    || count == 3 && positional.get(0).equals("config") && positional.get(1).equals("add-authtoken");
            // rabbitmqctl add_user|change_password user password
            case "rabbitmqctl" -> count == 3 && (positional.get(0).equals("add_user")
                    || positional.get(0).equals("change_password") || positional.get(0).equals("authenticate_user"));
            // nuget setapikey KEY
            case "nuget" -> count == 2 && positional.get(0).equalsIgnoreCase("setapikey");
            // vault login TOKEN
            case "vault" -> count == 2 && positional.get(0).equals("login") && text.indexOf('=') < 0;
            // net use \\server\share password /user:domain\name, or the password after /user:
            case "net" -> count >= 3 && positional.get(0).equalsIgnoreCase("use") && !text.startsWith("\\\\")
                    && !text.startsWith("/") && !(text.length() == 2 && text.charAt(1) == ':' || text.equals("*"))
                    && (positional.get(count - 2).startsWith("\\\\")
                    // net use \\server\share /user:domain\name password, the order Windows' help gives
                    || positional.get(count - 2).regionMatches(true, 0, "/user:", 0, 6)
                    && positional.get(count - 3).startsWith("\\\\"))
                    // net user name password [/add]
                    || count == 3 && positional.get(0).equalsIgnoreCase("user") && !text.startsWith("/")
                    && !text.equals("*");
            default -> false;
        };
    }

    /** True when {@code command} (by its base name, any directory) is among the few tokens before {@code at}. */
    private static boolean ranBefore(String s, List<Token> tokens, int at, String command) {
        for (int i = Math.max(0, at - 8); i < at; i++) {
            if (baseName(unquote(s.substring(tokens.get(i).start(), tokens.get(i).end()))).equals(command)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasContext(String s, List<Token> tokens, int flagIndex, Set<String> words) {
        for (int i = Math.max(0, flagIndex - 8); i < Math.min(tokens.size(), flagIndex + 8); i++) {
            String text = s.substring(tokens.get(i).start(), tokens.get(i).end());
            if (words.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static void addValue(String s, Token value, List<int[]> spans, boolean openssl) {
        String raw = s.substring(value.start(), value.end());
        if (raw.startsWith("-") || raw.startsWith("[REDACTED")) {
            return;
        }
        int start = value.start();
        int end = value.end();
        if (raw.length() > 2 && (raw.endsWith(",") || raw.endsWith("]"))) {
            end--; // an element of an argument list: '-pS3cret', or Sq1Cmd!Pass, or 'x']
            raw = raw.substring(0, raw.length() - 1);
        }
        if (isQuoted(raw)) {
            start++;
            end--;
        }
        String v = s.substring(start, Math.max(start, end));
        if (openssl) {
            // pass:secret is the secret; env:VAR and file:path name where it is kept
            if (v.startsWith("pass:")) {
                start += 5;
            } else if (v.startsWith("env:") || v.startsWith("file:") || v.startsWith("fd:") || v.equals("stdin")) {
                return;
            }
        }
        v = s.substring(start, Math.max(start, end));
        if (SanitizerValues.isPlaceholder(v) || SanitizerValues.isProseWord(v) || SanitizerValues.isPathLike(v)
                || v.startsWith("$")) {
            return;
        }
        addSpan(s, start, end, spans);
    }

    private static void addSpan(String s, int start, int end, List<int[]> spans) {
        int e = end;
        while (e > start && ";|&".indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        if (e - start > 1 && (s.charAt(e - 1) == ',' || s.charAt(e - 1) == ']' && s.lastIndexOf('[', e) < start)) {
            // an element of an argument list, '-pS3cret', or 'admin:x']: its separator and closing quote stay
            e--;
            char quote = s.charAt(e - 1);
            if ((quote == '\'' || quote == '"') && s.lastIndexOf(quote, e - 2) < start) {
                e--;
            }
        }
        if (e > start && !SanitizerValues.isPlaceholder(s.subSequence(start, e))) {
            spans.add(new int[] {start, e});
        }
    }

    private static String apply(String s, List<int[]> spans) {
        if (spans.isEmpty()) {
            return s;
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        for (int[] span : spans) {
            if (span[0] < copied) {
                continue;
            }
            out.append(s, copied, span[0]).append(SanitizerRules.REDACTED);
            copied = span[1];
        }
        return out.append(s, copied, s.length()).toString();
    }

    /*
     * The USERID parameter of Oracle's utilities (exp, imp, sqlldr, a Data Pump parfile's
     * userid="system/x@pdb1"): user/password, quoted or not, with or without a connect identifier.
     * The name says what follows; no '@' or Oracle word is needed.
     */
    private static final Pattern ORACLE_USERID = Pattern.compile(
            "(?i)(?<![\\w.-])userid\\s{0,3}+=\\s{0,3}+\\\\?+[\"']?+[A-Za-z][\\w$#]{0,29}+/([^\\s/@\"'\\\\]{1,128}+)");

    /** Redacts the password of Oracle's {@code user/password@connect} where it is one. */
    private static String redactOracle(String s) {
        if (s.indexOf('/') < 0) {
            return s;
        }
        String out = s.toLowerCase(Locale.ROOT).contains("userid") ? redactGroup(s, ORACLE_USERID.matcher(s), m -> 1) : s;
        return out.indexOf('@') < 0 ? out : redactOracleLogons(out);
    }

    private static String redactOracleLogons(String s) {
        Matcher m = ORACLE_CREDENTIALS.matcher(s);
        Boolean context = null;
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end();
            String password = m.group(2);
            String host = m.group(4) == null ? "" : m.group(4);
            if (password.startsWith("[REDACTED") || m.start(2) < copied) {
                continue;
            }
            boolean secret;
            if (m.group(3) != null) {
                secret = true;
            } else if (host.isEmpty() || SanitizerValues.isVersion(host) || host.startsWith("sha256:")
                    || host.startsWith("sha512:") || COMMIT.matcher(host).matches() || host.startsWith("main")
                    || host.startsWith("master")) {
                secret = false;
            } else {
                boolean thin = m.start(1) >= 5 && s.regionMatches(true, m.start(1) - 5, "thin:", 0, 5);
                if (context == null) {
                    context = ORACLE_CONTEXT.matcher(s).find();
                }
                boolean hostLike = host.indexOf('.') > 0 || host.indexOf(':') > 0 || host.startsWith("(");
                secret = thin || context || hostLike && SanitizerValues.looksLikeCredential(password)
                        || hostLike && IP_OR_PORT.matcher(host).matches();
            }
            if (!secret) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(2)).append(SanitizerRules.REDACTED);
            copied = m.end(2);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Whitespace-separated tokens; a quoted token may hold spaces. */
    private static List<Token> tokens(String s) {
        List<Token> tokens = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close > 0 && close - i <= 512) {
                    i = close + 1;
                    while (i < n && !Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(start, i));
                    continue;
                }
            }
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                char d = s.charAt(i);
                if ((d == '\'' || d == '"') && i > start && (s.charAt(start) == '-' || s.charAt(i - 1) == '=')) {
                    // -p'secret with spaces', --password="x y", PGPASSWORD='x y'; a JSON string's
                    // {"msg":"curl -u ...": the quote opens the text, whose words are tokens
                    int close = s.indexOf(d, i + 1);
                    if (close > 0 && close - i <= 512) {
                        i = close + 1;
                        continue;
                    }
                }
                i++;
            }
            tokens.add(new Token(start, i));
        }
        return tokens;
    }

    /**
     * True for a flag that has the secret read from standard input: "--passwd-on-stdin",
     * "--password-file=/dev/stdin", or a secret's flag whose value is /dev/stdin (checked with "-stdin"
     * appended to the flag before it).
     */
    private static boolean isSecretStdinFlag(String flag) {
        if (!flag.startsWith("-")) {
            return false;
        }
        String key = SanitizerKeys.normalize(flag);
        return key.contains("stdin") && (key.contains("pass") || key.contains("pwd")
                || key.contains("secret") || key.contains("token") || key.contains("key"));
    }

    /** True for a file named for a secret: an askpass script, a password or token file. */
    private static boolean isSecretFile(String path) {
        return namesSecretFile(SanitizerKeys.normalize(path.substring(path.lastIndexOf('/') + 1)));
    }

    // How many tokens around a command's --value are read for what it stores.
    private static final int MAX_VALUE_CONTEXT = 16;

    /**
     * True when the command around the {@code --value} at {@code t} stores a secret, as its later words
     * or the name it stores the value under say: {@code aws ssm put-parameter --name /app/db/password
     * --value x --type SecureString}.
     */
    private static boolean storesSecret(String s, List<Token> tokens, int t, SanitizerSettings settings) {
        for (int u = t + 2; u < tokens.size() && u <= t + MAX_VALUE_CONTEXT; u++) {
            String raw = s.substring(tokens.get(u).start(), tokens.get(u).end());
            if (isSeparator(raw)) {
                break;
            }
            if (SECRET_COMMAND_WORDS.contains(unquote(raw).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (int u = t - 1; u > 0 && u >= t - MAX_VALUE_CONTEXT; u--) {
            String raw = s.substring(tokens.get(u - 1).start(), tokens.get(u - 1).end());
            if (isSeparator(raw)) {
                break;
            }
            if (raw.equals("--name") || raw.equals("--key")) {
                // the name's last segment: /app/db/password, prod.api-token, but not token_expiry
                String name = unquote(s.substring(tokens.get(u).start(), tokens.get(u).end()));
                String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('.')) + 1);
                return SanitizerKeys.strength(last, settings) == Strength.STRONG;
            }
        }
        return false;
    }

    /** True when a normalized name holds a secret file's word: askpass, a password, a secret, a token, credentials. */
    private static boolean namesSecretFile(String key) {
        return key.contains("pass") || key.contains("secret") || key.contains("token") || key.contains("cred");
    }

    /** Where the secret starts in what printf wrote: after the script's own "echo ", else the whole argument. */
    private static int scriptEchoStart(String s, Token written) {
        int echo = s.lastIndexOf("echo ", written.end());
        if (echo > written.start()) {
            return echo + "echo ".length();
        }
        return written.start() + (isQuoted(s.substring(written.start(), written.end())) ? 1 : 0);
    }

    // The arguments of a call that logs in: a quoted user (or key file) and a quoted password, maybe more.
    private static final Pattern CALL_ARGUMENTS = Pattern.compile(
            "\\(\\s{0,3}+([\"'])([^\"'\\n]{0,256}+)\\1\\s{0,3}+,\\s{0,3}+([\"'])([^\"'\\n]{1,256}+)\\3\\s{0,3}+[,)]");

    // Words in a function's name that say it takes a user and a password: server.login, l.Bind,
    // conn.simple_bind_s, client.username_pw_set, session.authenticate, new UsernamePasswordCredentials.
    private static final List<String> LOGIN_CALL_WORDS = List.of("login", "logon", "signin", "authenticate",
            "credential", "password", "passwd", "pwset", "setauth", "basicauth", "simplebind");

    private static final int MAX_CALLEE = 128;

    // Go's smtp.PlainAuth(identity, username, password, host): the password is the third argument.
    private static final Pattern THIRD_ARGUMENT = Pattern.compile("\\(\\s{0,3}+([\"'])[^\"'\\n]{0,256}+\\1\\s{0,3}+,"
            + "\\s{0,3}+([\"'])[^\"'\\n]{0,256}+\\2\\s{0,3}+,\\s{0,3}+([\"'])([^\"'\\n]{1,256}+)\\3\\s{0,3}+[,)]");

    /*
     * The arguments of a call that types into a form field: an optional quoted selector, then the quoted
     * text. A selector may hold the other quote ('input[name="password"]'), so each argument runs to its
     * own closing quote, within a bound.
     */
    private static final Pattern FILL_ARGUMENTS = Pattern.compile("\\(\\s{0,3}+(?:([\"'`])((?:(?!\\1)[^\\n]){0,256}+)\\1"
            + "\\s{0,3}+,\\s{0,3}+)?([\"'`])((?:(?!\\3)[^\\n]){1,256}+)\\3\\s{0,3}+[,)]");

    // Methods of browser automation that type text into a field: Playwright's fill and type, Puppeteer's
    // type, Selenium's sendKeys and send_keys, WebdriverIO's setValue, Cypress's type.
    private static final Set<String> FILL_CALL_WORDS = Set.of("fill", "type", "sendkeys", "setvalue",
            "presssequentially", "typetext", "addvalue");

    // How far before a one-argument fill the field it types into is looked for: cy.get('#password').type('x').
    private static final int MAX_FIELD_LOOK_BACK = 128;

    /**
     * Redacts the second quoted argument of a call that logs in ({@link #LOGIN_CALL_WORDS}, a bind, a
     * key store's load): {@code server.login('alerts@acme.io', 'x')}, {@code l.Bind("svc", "x")},
     * {@code KeyStore.load('client.jks', 'x')}, {@code AuthTokens.basic("neo4j", "x")}. The name, not the
     * arguments, says which is the secret. Also the text a browser automation call types into a password
     * field, named by its selector or by the locator it is called on: {@code page.fill('#password', 'x')},
     * {@code driver.find_element(By.ID, "password").send_keys("x")}.
     */
    static String redactLoginCalls(String s) {
        int open = s.indexOf('(');
        if (open < 0) {
            return s;
        }
        Matcher arguments = CALL_ARGUMENTS.matcher(s);
        Matcher fill = FILL_ARGUMENTS.matcher(s);
        Matcher third = THIRD_ARGUMENT.matcher(s);
        List<int[]> spans = new ArrayList<>();
        for (; open >= 0; open = s.indexOf('(', open + 1)) {
            int calleeStart = open;
            while (calleeStart > 0 && open - calleeStart < MAX_CALLEE && isCalleeChar(s.charAt(calleeStart - 1))) {
                calleeStart--;
            }
            String callee = s.substring(calleeStart, open);
            boolean constructor = calleeStart >= 4 && s.startsWith("new ", calleeStart - 4);
            if (calleeStart < open && callee.endsWith("PlainAuth") && third.region(open, s.length()).lookingAt()) {
                addSpan(s, third.start(4), third.end(4), spans);
            } else if (calleeStart < open && (isLoginCall(callee) || isSecretStore(callee, constructor))
                    && arguments.region(open, s.length()).lookingAt()
                    && !(callee.endsWith("bind") && isPort(arguments.group(4)))) {
                addSpan(s, arguments.start(4), arguments.end(4), spans);
            } else if (calleeStart < open && isFillCall(callee) && fill.region(open, s.length()).lookingAt()
                    && namesPasswordField(fill.group(2) != null ? fill.group(2) : field(s, calleeStart))) {
                addSpan(s, fill.start(4), fill.end(4), spans);
            }
        }
        return apply(s, spans);
    }

    private static boolean isFillCall(String callee) {
        return FILL_CALL_WORDS.contains(SanitizerKeys.normalize(callee.substring(callee.lastIndexOf('.') + 1)));
    }

    /** What a one-argument fill's receiver says of its field: the text of the statement before the call. */
    private static String field(String s, int calleeStart) {
        String before = s.substring(Math.max(0, calleeStart - MAX_FIELD_LOOK_BACK), calleeStart);
        return before.substring(before.lastIndexOf(';') + 1);
    }

    /** A selector, label or locator naming a password field: #password, input[type=password], By.id("pwd"). */
    private static boolean namesPasswordField(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        return namesPassword(f) || f.contains("pwd") || f.contains("secret");
    }

    /**
     * True when lower-case {@code f} holds "pass" as a password's word: alone ("#pass") or as password,
     * passwd, passcode, passphrase or passkey, but not passport, passenger or passage.
     */
    private static boolean namesPassword(String f) {
        for (int at = f.indexOf("pass"); at >= 0; at = f.indexOf("pass", at + 4)) {
            char next = at + 4 < f.length() ? f.charAt(at + 4) : ' ';
            if (!Character.isLetter(next) || "wcpk".indexOf(next) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A socket's bind("0.0.0.0", "8080") takes a port, not a password. */
    private static boolean isPort(String value) {
        return value.length() <= 5 && value.chars().allMatch(Character::isDigit);
    }

    private static boolean isCalleeChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    // Verbs of a call that stores a secret under a name: client.set_secret("name", "x"), putSecret, createSecret.
    private static final List<String> STORE_VERBS = List.of("set", "put", "create", "add", "update", "store", "save");

    /**
     * A call that stores a named secret, or builds one ({@code new KeyVaultSecret("sql-admin", "x")}):
     * its first argument is the secret's name and its second the value. A getter's second argument is
     * a version, so only these verbs and constructors count.
     */
    private static boolean isSecretStore(String callee, boolean constructor) {
        String last = SanitizerKeys.normalize(callee.substring(callee.lastIndexOf('.') + 1));
        if (!last.contains("secret")) {
            return false;
        }
        if (constructor) {
            return true;
        }
        for (String verb : STORE_VERBS) {
            if (last.startsWith(verb)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoginCall(String callee) {
        int dot = callee.lastIndexOf('.');
        String last = SanitizerKeys.normalize(callee.substring(dot + 1));
        for (String word : LOGIN_CALL_WORDS) {
            if (last.contains(word)) {
                return true;
            }
        }
        String receiver = SanitizerKeys.normalize(callee.substring(0, Math.max(dot, 0)));
        return last.equals("bind") || last.equals("binds") || last.equals("auth") || last.equals("basic")
                || last.equals("load") && (receiver.endsWith("keystore") || receiver.endsWith("truststore"));
    }

    private static boolean isSeparator(String raw) {
        return raw.equals("|") || raw.equals("||") || raw.equals("&&") || raw.equals(";") || raw.equals("&");
    }

    private static boolean isQuoted(String raw) {
        return raw.length() >= 2 && (raw.charAt(0) == '\'' || raw.charAt(0) == '"')
                && raw.charAt(raw.length() - 1) == raw.charAt(0);
    }

    private static String unquote(String raw) {
        String t = raw;
        while (!t.isEmpty() && "'\"`(".indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1);
        }
        while (!t.isEmpty() && "'\"`):,".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String baseName(String text) {
        int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
        // an argument list's first element ('['mysql', [curl, ["docker",), a JSON string's first word
        // ({"msg":"curl ...) or an HTML element's (<pre>curl ...) names the tool after its brackets and quotes
        for (int i = text.length() - 1; i > slash; i--) {
            char c = text.charAt(i);
            if (c == '[' || c == '(' || c == '{' || c == '"' || c == '\'' || c == ':' || c == ',' || c == '>') {
                slash = i;
                break;
            }
        }
        String base = text.substring(slash + 1).toLowerCase(Locale.ROOT);
        return base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }
}
