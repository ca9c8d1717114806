using Microsoft.Win32.SafeHandles;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// The journal's next segment, prepared off the ack path: a file of zeros written and synced on a background thread,
/// renamed into place when the appender rolls. Appending into it overwrites blocks that are allocated and already
/// written, so each append's <c>fdatasync</c> flushes the record's data only: no file-size change for the file system
/// to commit through its own journal, which on ext4 cost about twice the kernel CPU and latency per append + sync
/// (docs/benchmarks.md). Its name never matches a segment's, so readers and recovery never see it; a leftover from
/// a crash is overwritten by the next preparation. Used by the appender's thread only (plus its own filler thread).
/// </summary>
internal sealed class SegmentSpare(string directory) : IDisposable
{
    /// <summary>The spare's file name in the journal directory (not <c>*.log</c>: never taken for a segment).</summary>
    public const string FileName = "next-segment.tmp";

    private const int ChunkBytes = 1 << 20;

    /// <summary>One chunk of zeros for every preparation (only read): a new 1 MB array per spare was a large-object allocation per roll, which brings full collections forward.</summary>
    private static readonly byte[] Zeros = new byte[ChunkBytes];

    private readonly CancellationTokenSource _stop = new();
    private Task? _filling;

    public string FilePath { get; } = Path.Combine(directory, FileName);

    /// <summary>Size of the spare being prepared or ready.</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether a spare is ready to be taken. A failed preparation is dropped (the next roll grows a segment as before).</summary>
    public bool IsReady
    {
        get
        {
            if (_filling is { IsFaulted: true } or { IsCanceled: true })
            {
                _filling = null;
            }

            return _filling is { IsCompletedSuccessfully: true };
        }
    }

    /// <summary>The preparation under way (tests wait for it), or a completed task.</summary>
    public Task Filling => _filling ?? Task.CompletedTask;

    /// <summary>Starts preparing a spare of <paramref name="bytes"/> unless one is being prepared or ready.</summary>
    public void Prepare(long bytes)
    {
        if (_filling is not null && !_filling.IsFaulted && !_filling.IsCanceled)
        {
            return;
        }

        Bytes = bytes;
        var stop = _stop.Token;
        _filling = Task.Factory.StartNew(() => Fill(FilePath, bytes, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Renames the ready spare to <paramref name="path"/> (the caller syncs the directory) and opens it for writing.</summary>
    public SafeFileHandle TakeAs(string path)
    {
        File.Move(FilePath, path);
        _filling = null;
        return File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
    }

    /// <summary>Stops a preparation under way (within one chunk) and removes the spare: a stopped core leaves no zeros behind.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _filling?.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled or failed: the file is removed below either way.
        }

        _filling = null;
        _stop.Dispose();
        try
        {
            File.Delete(FilePath);
        }
        catch (IOException)
        {
            // Overwritten by the next start's preparation.
        }
    }

    private static void Fill(string path, long bytes, CancellationToken stop)
    {
        using var handle = JournalLog.CreateOwnerOnly(path, FileMode.Create);
        for (long offset = 0; offset < bytes; offset += ChunkBytes)
        {
            stop.ThrowIfCancellationRequested();
            RandomAccess.Write(handle, Zeros.AsSpan(0, (int)Math.Min(ChunkBytes, bytes - offset)), offset);

            // Chunk by chunk, so the zeros never queue up as one large flush in front of the appender's syncs.
            RandomAccess.FlushToDisk(handle);
        }
    }
}
