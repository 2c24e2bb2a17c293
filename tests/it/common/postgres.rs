//! A throw-away PostgreSQL for the team vault's tests: Debian's `postgresql-15` server,
//! initialised and started once per test process by `initdb` and `pg_ctl` as an unprivileged
//! user (`nobody` when the tests run as root, as PostgreSQL refuses root), listening only on a
//! Unix socket in a temporary directory. Each test gets a database of its own.
//!
//! The server is stopped when the test process ends: a watchdog shell started with it waits
//! for this process to exit and then stops the server and removes its directory. No test is
//! skipped for want of the server: `server()` panics with how to install it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The running server of this test process.
pub struct Server {
    pub dir: PathBuf,
    pub socket_dir: PathBuf,
    /// The loopback TCP port, where the server speaks TLS with a certificate for `localhost`
    /// signed by the test CA at `ca_cert`.
    pub port: u16,
    pub ca_cert: PathBuf,
    bin: PathBuf,
    /// Who runs the server and its tools (`None`: this user).
    user: Option<&'static str>,
}

const ROLE: &str = "sealbox";

static SERVER: OnceLock<Server> = OnceLock::new();
static NEXT_DB: AtomicU64 = AtomicU64::new(0);

/// The server, started on first use.
pub fn server() -> &'static Server {
    SERVER.get_or_init(Server::start)
}

fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SEALBOX_TEST_PG_BIN") {
        return PathBuf::from(dir);
    }
    let debian = Path::new("/usr/lib/postgresql/15/bin");
    if debian.join("initdb").exists() {
        return debian.to_owned();
    }
    panic!(
        "the team vault's tests need a PostgreSQL server: install it with \
         'apt-get install postgresql-15' (or set SEALBOX_TEST_PG_BIN to a directory with \
         initdb, pg_ctl, postgres, psql and pg_dump)"
    );
}

impl Server {
    fn start() -> Self {
        let bin = bin_dir();
        let root = rustix::process::geteuid().is_root();
        let user = root.then_some("nobody");
        let dir = std::env::temp_dir().join(format!("sealbox-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let socket_dir = dir.join("socket");
        let data = dir.join("data");
        std::fs::create_dir_all(&socket_dir).unwrap();
        std::fs::create_dir_all(&data).unwrap();
        if let Some(user) = user {
            // The temporary directory itself stays root's; the server's own are nobody's.
            let status = Command::new("chown")
                .args([user])
                .arg(&dir)
                .arg(&socket_dir)
                .arg(&data)
                .status()
                .unwrap();
            assert!(status.success(), "chown {user} failed");
        }
        let tls = dir.join("tls");
        std::fs::create_dir_all(&tls).unwrap();
        make_certificates(&tls);
        if let Some(user) = user {
            let status = Command::new("chown")
                .args(["-R", user])
                .arg(&tls)
                .status()
                .unwrap();
            assert!(status.success());
        }
        // A free port now; taken by the server a moment later.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Self {
            dir: dir.clone(),
            socket_dir: socket_dir.clone(),
            port,
            ca_cert: tls.join("ca.crt"),
            bin,
            user,
        };
        let out = server
            .tool("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", ROLE, "--auth=trust", "-E", "UTF8", "--no-sync"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let options = format!(
            "-k {} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c max_connections=200 \
             -c ssl=on -c ssl_cert_file={tls}/server.crt -c ssl_key_file={tls}/server.key",
            socket_dir.display(),
            tls = tls.display()
        );
        let out = server
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(data.join("server.log"))
            .args(["-w", "start"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            std::fs::read_to_string(data.join("server.log")).unwrap_or_default()
        );
        // Stop the server once this process is gone, however it ends.
        let pg_ctl = server.bin.join("pg_ctl");
        let stop = match user {
            Some(user) => format!(
                "runuser -u {user} -- '{}' -D '{}' -m immediate stop",
                pg_ctl.display(),
                data.display()
            ),
            None => format!(
                "'{}' -D '{}' -m immediate stop",
                pg_ctl.display(),
                data.display()
            ),
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'",
            pid = std::process::id(),
            dir = dir.display()
        );
        // Never waited for: it outlives this process by design, and init reaps it.
        #[allow(clippy::zombie_processes)]
        Command::new("sh")
            .args(["-c", &script])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        server
    }

    /// A server tool, run as the server's user.
    pub fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let mut cmd = match self.user {
            Some(user) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(path);
                cmd
            }
            None => Command::new(path),
        };
        cmd.current_dir("/");
        cmd
    }

    /// A new, empty database; returns its name.
    pub fn database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::Relaxed)
        );
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        name
    }

    /// The URL of database `name` over loopback TCP, as `host` (`localhost` or `127.0.0.1`),
    /// with `query` (sslmode and the like).
    pub fn tcp_url(&self, host: &str, name: &str, query: &str) -> String {
        format!("postgresql://{ROLE}@{host}:{}/{name}?{query}", self.port)
    }

    /// The URL of database `name` for `--vault`.
    pub fn url(&self, name: &str) -> String {
        let host = self.socket_dir.display().to_string().replace('/', "%2F");
        format!(
            "postgresql://{ROLE}@{host}:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// Client `tool` (psql, pg_dump) connected to database `db` over the socket, as the role.
    fn client(&self, tool: &str, db: &str) -> Command {
        let mut cmd = self.tool(tool);
        cmd.arg("-h").arg(&self.socket_dir).args([
            "-p",
            &self.port.to_string(),
            "-U",
            ROLE,
            "-d",
            db,
        ]);
        cmd
    }

    /// `psql` running `sql` in database `db`, stopping at the first error, printing unaligned
    /// tuples only; for a session a test keeps open while sealbox runs.
    pub fn psql_command(&self, db: &str, sql: &str) -> Command {
        let mut cmd = self.client("psql", db);
        cmd.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]);
        cmd
    }

    /// Runs `sql` in database `db`; returns what it printed.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = self.psql_command(db, sql).output().unwrap();
        assert!(
            out.status.success(),
            "psql failed on {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `pg_dump` of database `db`, as the plain SQL a backup would hold, without the random
    /// `\restrict` key each dump carries (so two dumps of the same rows are equal).
    pub fn dump(&self, db: &str) -> Vec<u8> {
        let out = self.client("pg_dump", db).output().unwrap();
        assert!(
            out.status.success(),
            "pg_dump failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .filter(|line| !line.starts_with("\\restrict") && !line.starts_with("\\unrestrict"))
            .flat_map(|line| [line, "\n"])
            .collect::<String>()
            .into_bytes()
    }

    /// Replaces database `db` with what `dump` holds, as a restore from a backup does.
    pub fn restore(&self, db: &str, dump: &[u8]) {
        self.psql("postgres", &format!("DROP DATABASE {db} WITH (FORCE)"));
        self.psql("postgres", &format!("CREATE DATABASE {db}"));
        let path = self.dir.join(format!("{db}.sql"));
        std::fs::write(&path, dump).unwrap();
        let out = self
            .client("psql", db)
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "restore failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::remove_file(path).unwrap();
    }
}

/// A test CA, and a server certificate for `localhost` (and no IP address) signed by it.
fn make_certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect(
                "the team vault's TLS tests need the openssl command (apt-get install openssl)",
            );
        assert!(
            out.status.success(),
            "openssl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-subj",
                "/CN=sealbox test CA",
                "-days",
                "2",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        ]
        .concat(),
    );
    std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "san.ext",
    ]);
    // The server refuses a key that others can read.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        dir.join("server.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}
