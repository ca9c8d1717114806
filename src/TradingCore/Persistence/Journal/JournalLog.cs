using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// The durable journal: append-only segment files in <c>journal/</c> of the data directory, one record per group
/// commit. A record is <c>[int32 length][uint32 crc32][int64 seq][payload]</c> (little-endian; the CRC covers seq and
/// payload), appended with one write and one <c>fdatasync</c>: durability costs one sequential write and one sync
/// per batch, nothing else (no index, no checkpoint, no other file's lock). A segment is named after its first
/// sequence and closed past <see cref="SegmentBytes"/>; a new segment's directory entry is synced before use.
/// Recovery reads the segments in order and stops at the first record that is short, fails its CRC or breaks the
/// sequence (a write torn by a crash, never acknowledged), truncating it away. Fully projected segments are deleted.
/// With <paramref name="preallocate"/> the appender writes into segments of zeros prepared in the background
/// (<see cref="SegmentSpare"/>): a segment then ends in zeros after its last record, which reads as its end.
/// </summary>
internal sealed class JournalLog(string dataDirectory, long segmentBytes = JournalLog.SegmentBytes, bool preallocate = false) : IJournal
{
    public const string DirectoryName = "journal";

    /// <summary>A segment is closed once it is this large (a record is never split).</summary>
    public const long SegmentBytes = 64L * 1024 * 1024;

    /// <summary>The first spare's size; each next one is twice the last, up to the segment size.</summary>
    public const long FirstSpareBytes = 1L << 20;

    private const int HeaderBytes = 16;
    private const string Extension = ".log";

    private readonly long _segmentBytes = segmentBytes;
    private readonly Lock _readGate = new();

    /// <summary>Where the last <see cref="ReadAfter"/> stopped: the segment, the last sequence read, the offset after it.</summary>
    private (string Path, long Seq, long Offset)? _cursor;

    public string Directory { get; } = Path.Combine(dataDirectory, DirectoryName);

    /// <summary>Creates the directory (owner-only) and removes a torn tail left by a crash.</summary>
    public void Initialize()
    {
        Security.OwnerOnlyFile.EnsureDirectory(Directory);
        var segments = Segments();
        if (segments.Count == 0)
        {
            return;
        }

        var (_, path) = segments[^1];
        var valid = Scan(path, afterSeq: long.MaxValue, limit: 0, into: null, out _);
        if (valid < new FileInfo(path).Length)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.SetLength(handle, valid);
            Sync(handle);
        }
    }

    /// <summary>The appender; sequences continue after the last record and after <paramref name="projectedSeq"/>.</summary>
    public Appender OpenAppender(long projectedSeq) => new(this, Math.Max(LastSeq(), projectedSeq));

    /// <inheritdoc />
    public IJournalAppender OpenJournalAppender(long projectedSeq) => OpenAppender(projectedSeq);

    /// <summary>The sequence of the last record in the journal, 0 when empty.</summary>
    public long LastSeq()
    {
        var segments = Segments();
        for (var index = segments.Count - 1; index >= 0; index--)
        {
            Scan(segments[index].Path, afterSeq: long.MaxValue, limit: 0, into: null, out var last);
            if (last > 0)
            {
                return last;
            }
        }

        return 0;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> records after <paramref name="afterSeq"/>, in order. The projector asks for the
    /// records after the last ones it got, so the log remembers where those ended (segment and offset) and reads on
    /// from there: a read costs the records it returns, not a scan of the segment from its start.
    /// </summary>
    public List<(long Seq, byte[] Payload)> ReadAfter(long afterSeq, int limit)
    {
        lock (_readGate)
        {
            var records = new List<(long, byte[])>();
            var segments = Segments();
            for (var index = 0; index < segments.Count && records.Count < limit; index++)
            {
                // A segment holds nothing after afterSeq when the next one starts at or before afterSeq + 1.
                if (index + 1 < segments.Count && segments[index + 1].FirstSeq <= afterSeq + 1)
                {
                    continue;
                }

                var path = segments[index].Path;
                var resume = _cursor is { } cursor && cursor.Path == path && cursor.Seq == afterSeq && afterSeq > 0;
                var end = Scan(path, afterSeq, limit, records, out var last, resume ? _cursor!.Value.Offset : 0, resume ? afterSeq + 1 : 0);
                if (last > afterSeq)
                {
                    _cursor = (path, last, end);
                }
            }

            return records;
        }
    }

    /// <summary>Whether some segment (never the newest) holds only records at or before <paramref name="throughSeq"/>.</summary>
    public bool HasDeletable(long throughSeq)
    {
        var segments = Segments();
        return segments.Count > 1 && segments[1].FirstSeq - 1 <= throughSeq;
    }

    /// <summary>Deletes the segments whose every record is at or before <paramref name="throughSeq"/> (never the newest).</summary>
    public int DeleteThrough(long throughSeq)
    {
        var segments = Segments();
        var deleted = 0;
        for (var index = 0; index + 1 < segments.Count && segments[index + 1].FirstSeq - 1 <= throughSeq; index++)
        {
            File.Delete(segments[index].Path);
            deleted++;
        }

        return deleted;
    }

    private List<(long FirstSeq, string Path)> Segments() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(path => (Ok: long.TryParse(Path.GetFileNameWithoutExtension(path), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first), First: first, Path: path))
            .Where(segment => segment.Ok)
            .OrderBy(segment => segment.First)
            .Select(segment => (segment.First, segment.Path))];

    /// <summary>
    /// Reads a segment's valid records; collects those after <paramref name="afterSeq"/> (up to the limit) into
    /// <paramref name="into"/>; returns the length of the valid prefix and the last valid sequence.
    /// </summary>
    private static long Scan(string path, long afterSeq, int limit, List<(long, byte[])>? into, out long lastSeq, long startOffset = 0, long expectedFirst = 0)
    {
        lastSeq = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        stream.Position = startOffset;
        Span<byte> header = stackalloc byte[HeaderBytes];
        var crc = new Crc32();
        byte[]? scratch = null;
        var offset = startOffset;
        var expected = expectedFirst;
        try
        {
            while (into is null || into.Count < limit)
            {
                if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
                {
                    return offset;
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                var seq = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
                if (length <= 0 || length > SegmentBytes || (expected != 0 && seq != expected) || seq <= 0)
                {
                    return offset;
                }

                // A record the caller keeps gets its own array; one it only checks is read into a reused buffer.
                var keep = into is not null && seq > afterSeq;
                if (!keep && (scratch is null || scratch.Length < length))
                {
                    if (scratch is not null)
                    {
                        System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
                    }

                    scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }

                var payload = keep ? new byte[length] : scratch!;
                var span = payload.AsSpan(0, length);
                if (stream.ReadAtLeast(span, length, throwOnEndOfStream: false) < length || Checksum(crc, header[8..], span) != checksum)
                {
                    return offset;
                }

                if (keep)
                {
                    into!.Add((seq, payload));
                }

                offset += HeaderBytes + length;
                lastSeq = seq;
                expected = seq + 1;
            }

            return offset;
        }
        finally
        {
            if (scratch is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static uint Checksum(ReadOnlySpan<byte> seq, ReadOnlySpan<byte> payload) => Checksum(new Crc32(), seq, payload);

    private static uint Checksum(Crc32 crc, ReadOnlySpan<byte> seq, ReadOnlySpan<byte> payload)
    {
        crc.Reset();
        crc.Append(seq);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>fdatasync on Linux (data and the size, not timestamps); a full flush elsewhere.</summary>
    private static void Sync(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux() && FileSync.FdataSync((int)handle.DangerousGetHandle()) == 0)
        {
            return;
        }

        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>Whether the appender writes into segments prepared in the background.</summary>
    internal bool Preallocate { get; } = preallocate;

    /// <summary>Creates a file only its owner can read and write, open for reading and writing.</summary>
    internal static SafeFileHandle CreateOwnerOnly(string path, FileMode mode)
    {
        var handle = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, FileOptions.None, 0);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return handle;
    }

    /// <summary>Makes a new file's directory entry durable (POSIX: fsync the directory).</summary>
    private static void SyncDirectory(string directory) => FileSync.SyncDirectory(directory);

    /// <summary>The single appender. Not thread-safe: the journal writer's loop owns it.</summary>
    internal sealed class Appender : IJournalAppender
    {
        private readonly JournalLog _log;
        private readonly SegmentSpare? _spare;
        private SafeFileHandle? _segment;
        private long _offset;

        /// <summary>Where the current segment is closed: its preallocated size, or the segment size for a growing one.</summary>
        private long _limit;

        /// <summary>Whether the current segment is a spare (appends overwrite zeros) rather than a file that grows.</summary>
        private bool _preallocated;

        private long _nextSpareBytes;
        private byte[] _buffer = new byte[1 << 16];

        public Appender(JournalLog log, long lastSeq)
        {
            _log = log;
            LastSeq = lastSeq;
            _limit = log._segmentBytes;
            var segments = log.Segments();
            if (segments.Count > 0)
            {
                // Appending continues after the last valid record, not at the file's end (a spare's zeros follow it).
                var path = segments[^1].Path;
                _segment = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
                _offset = Scan(path, afterSeq: long.MaxValue, limit: 0, into: null, out _);
                if (_offset < RandomAccess.GetLength(_segment))
                {
                    RandomAccess.SetLength(_segment, _offset);
                    Sync(_segment);
                }
            }

            if (log.Preallocate)
            {
                _spare = new SegmentSpare(log.Directory);
                _nextSpareBytes = Math.Min(FirstSpareBytes, log._segmentBytes);
                _spare.Prepare(_nextSpareBytes);
            }
        }

        /// <summary>The spare being prepared (tests wait for it); null without preallocation.</summary>
        internal SegmentSpare? Spare => _spare;

        /// <summary>Sequence of the last record appended.</summary>
        public long LastSeq { get; private set; }

        /// <summary>Appends one record and syncs it (durable when this returns); returns its sequence.</summary>
        public long Append(ReadOnlySpan<byte> payload)
        {
            var seq = LastSeq + 1;
            var size = HeaderBytes + payload.Length;

            // Rolls when the record would pass the segment's end, and early, off a growing segment, once a spare is ready.
            if (_segment is null || (_offset > 0 && (_offset + size > _limit || (!_preallocated && _spare is { IsReady: true } && _spare.Bytes >= size))))
            {
                Roll(seq, size);
            }

            if (_buffer.Length < size)
            {
                _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
            }

            var record = _buffer.AsSpan(0, size);
            BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
            BinaryPrimitives.WriteInt64LittleEndian(record[8..], seq);
            payload.CopyTo(record[HeaderBytes..]);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Checksum(record.Slice(8, 8), payload));
            RandomAccess.Write(_segment!, record, _offset);
            Sync(_segment!);
            _offset += size;
            LastSeq = seq;
            return seq;
        }

        public void Dispose()
        {
            _spare?.Dispose();
            _segment?.Dispose();
        }

        private void Roll(long firstSeq, long recordBytes)
        {
            _segment?.Dispose();
            var path = Path.Combine(_log.Directory, firstSeq.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + Extension);
            if (_spare is { IsReady: true } && _spare.Bytes >= recordBytes)
            {
                _limit = _spare.Bytes;
                _segment = _spare.TakeAs(path);
                _preallocated = true;
                _nextSpareBytes = Math.Min(_log._segmentBytes, _nextSpareBytes * 2);
            }
            else
            {
                _segment = CreateOwnerOnly(path, FileMode.CreateNew);
                _limit = _log._segmentBytes;
                _preallocated = false;
            }

            _offset = 0;
            SyncDirectory(_log.Directory);
            _spare?.Prepare(_nextSpareBytes);
        }
    }
}
