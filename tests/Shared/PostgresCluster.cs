using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TradingCore.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server for the tests: Debian's server binaries (package postgresql; .ci/run installs
/// it), a cluster made by initdb in a temporary directory, listening on 127.0.0.1 on a free port, started once per
/// test process and stopped (its directory deleted) when the test assembly ends (<see cref="PostgresClusterTeardown"/>). Clusters left by a test process that
/// was killed are stopped and deleted by the next one. When the binaries are absent, <see cref="Missing"/> says how
/// to install them and the tests that need a server skip with it. Each test gets a database of its own.
/// </summary>
internal sealed class PostgresCluster
{
    /// <summary>The reason PostgreSQL tests skip when the server binaries are absent.</summary>
    public const string InstallLine = "needs PostgreSQL's server binaries: apt-get install -y postgresql (.ci/run installs it)";

    private const string DirectoryPrefix = "tc-pg-";
    private static readonly Lazy<PostgresCluster> SharedCluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly string _directory;
    private readonly string _bin;
    private int _stopped;

    private PostgresCluster(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    /// <summary>Null when a server can be started, else why not (the install line).</summary>
    public static string? Missing => BinDirectory() is null ? InstallLine : null;

    /// <summary>The path of one of PostgreSQL's programs (pg_dump, pg_restore, ...) beside the server's.</summary>
    public static string Tool(string name) => Path.Combine(BinDirectory() ?? throw new InvalidOperationException(InstallLine), name);

    /// <summary>The cluster of this test process (started on first use).</summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    public int Port { get; }

    /// <summary>The connection string of <paramref name="database"/> (superuser "trading", trust authentication on loopback).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=trading;Pooling=true;Maximum Pool Size=20;Timeout=15";

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public string NewDatabase() => Database($"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");

    /// <summary>The connection string of the database named <paramref name="name"/>, created if it does not exist yet.</summary>
    public string Database(string name)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new Npgsql.NpgsqlParameter { Value = name });
        if (exists.ExecuteScalar() is null)
        {
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>The directory of initdb, pg_ctl and postgres: Debian's newest /usr/lib/postgresql/N/bin, or null.</summary>
    private static string? BinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!OperatingSystem.IsLinux() || !System.IO.Directory.Exists(root))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")) && File.Exists(Path.Combine(bin, "postgres")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
            .FirstOrDefault();
    }

    private static PostgresCluster Start()
    {
        var bin = BinDirectory() ?? throw new InvalidOperationException(InstallLine);
        StopAbandoned(bin);
        var directory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Environment.ProcessId);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        var data = Path.Combine(directory, "data");
        // initdb and postgres refuse to run as root: as root they run as the package's postgres user.
        if (Environment.UserName == "root")
        {
            Run("chown", ["postgres", directory], asPostgres: false);
        }

        Run(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "trading", "-E", "UTF8", "--no-sync"], asPostgres: true);
        var port = FreePort();
        // A test cluster: no fsync (a killed core, not a power loss, is what the tests produce), small and quick.
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asPostgres: true);
        var cluster = new PostgresCluster(directory, bin, port);
        // The assembly's teardown (PostgresClusterTeardown) stops and deletes the cluster before the test runner
        // returns. This is only the fallback for a process ended some other way, and must be quick: the runner
        // kills a process still running 11 s after its end, and deleting a cluster of many databases takes seconds
        // on a busy box. It tells the server to stop without waiting; the next test process deletes what is left.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(wait: false);
        return cluster;
    }

    /// <summary>Stops and deletes the cluster of this test process, if one was started (the assembly's teardown).</summary>
    public static void StopShared()
    {
        if (SharedCluster.IsValueCreated)
        {
            SharedCluster.Value.Stop(wait: true);
        }
    }

    private void Stop(bool wait)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!wait)
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-W", "stop"], asPostgres: true, check: false);
                return;
            }

            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true);
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The next test process stops and deletes what is left.
        }
    }

    /// <summary>Stops and deletes the clusters of test processes that no longer run.</summary>
    private static void StopAbandoned(string bin)
    {
        foreach (var directory in System.IO.Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(directory)[DirectoryPrefix.Length..], out var pid) || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (System.IO.Directory.Exists(Path.Combine(directory, "data")))
                {
                    Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
                }

                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Someone else's: left alone.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Run(string program, string[] arguments, bool asPostgres, bool check = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
