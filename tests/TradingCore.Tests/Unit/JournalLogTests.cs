using TradingCore.Persistence;
using TradingCore.Persistence.Journal;

namespace TradingCore.Tests;

/// <summary>The journal file format: what was appended comes back in order, a torn tail is cut, segments roll and go.</summary>
public sealed class JournalLogTests
{
    [Fact]
    public void AppendedRecords_ComeBackInOrder_AfterReopening()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path);
        log.Initialize();
        using (var appender = log.OpenAppender(0))
        {
            for (var index = 1; index <= 5; index++)
            {
                Assert.Equal(index, appender.Append(Payload(index)));
            }
        }

        var reopened = new JournalLog(data.Path);
        reopened.Initialize();

        Assert.Equal(5, reopened.LastSeq());
        Assert.Equal([3L, 4L, 5L], reopened.ReadAfter(2, 100).Select(record => record.Seq));
        Assert.Equal(Payload(4), reopened.ReadAfter(3, 1).Single().Payload);
    }

    [Theory]
    [InlineData(3)]      // a header cut short
    [InlineData(20)]     // a payload cut short
    [InlineData(-1)]     // the last record's bytes damaged (CRC)
    public void ATornTail_IsCutAtRecovery_AndAppendingContinuesAfterTheLastGoodRecord(int tailBytes)
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path);
        log.Initialize();
        using (var appender = log.OpenAppender(0))
        {
            appender.Append(Payload(1));
            appender.Append(Payload(2));
            appender.Append(Payload(3));
        }

        var segment = Directory.GetFiles(log.Directory).Single();
        if (tailBytes > 0)
        {
            // A fourth record whose write was torn by a crash (never acknowledged).
            using var file = new FileStream(segment, FileMode.Append);
            var torn = new byte[tailBytes];
            BitConverter.TryWriteBytes(torn, 400);
            file.Write(torn);
        }
        else
        {
            var bytes = File.ReadAllBytes(segment);
            bytes[^1] ^= 0xFF;
            File.WriteAllBytes(segment, bytes);
        }

        var recovered = new JournalLog(data.Path);
        recovered.Initialize();
        var expectedLast = tailBytes > 0 ? 3 : 2;

        Assert.Equal(expectedLast, recovered.LastSeq());
        using (var appender = recovered.OpenAppender(0))
        {
            Assert.Equal(expectedLast + 1, appender.Append(Payload(9)));
        }

        Assert.Equal(Enumerable.Range(1, expectedLast + 1).Select(seq => (long)seq), recovered.ReadAfter(0, 100).Select(record => record.Seq));
    }

    [Fact]
    public void Segments_RollAtTheirSize_AndOnlyFullyProjectedOnesAreDeleted()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path, segmentBytes: 4_096);
        log.Initialize();
        using (var appender = log.OpenAppender(0))
        {
            for (var index = 1; index <= 10; index++)
            {
                appender.Append(new byte[1_000]);
            }
        }

        var before = Directory.GetFiles(log.Directory).Length;
        Assert.True(before >= 3, $"{before} segments");
        Assert.False(log.HasDeletable(1));

        log.DeleteThrough(6);

        Assert.True(Directory.GetFiles(log.Directory).Length < before);
        Assert.Equal(Enumerable.Range(7, 4).Select(seq => (long)seq), log.ReadAfter(6, 100).Select(record => record.Seq));
        Assert.Equal(10, log.LastSeq());
    }

    [Fact]
    public void ReadingOnFromTheLastRecordRead_SeesEveryRecordOnce_WhileAppendsGoOn_AcrossSegments()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path, segmentBytes: 4_096);
        log.Initialize();
        var read = new List<long>();
        long projected = 0;
        using (var appender = log.OpenAppender(0))
        {
            // As the projector does: read a page after what was read, while the writer appends in between.
            for (var round = 0; round < 12; round++)
            {
                for (var index = 0; index < 3; index++)
                {
                    appender.Append(Payload((round * 3) + index + 1).Concat(new byte[300]).ToArray());
                }

                foreach (var (seq, payload) in log.ReadAfter(projected, limit: 2 + (round % 3)))
                {
                    Assert.Equal(Payload((int)seq), payload[..Payload((int)seq).Length]);
                    read.Add(seq);
                    projected = seq;
                }
            }

            while (log.ReadAfter(projected, limit: 5) is { Count: > 0 } page)
            {
                read.AddRange(page.Select(record => record.Seq));
                projected = page[^1].Seq;
            }
        }

        Assert.Equal(Enumerable.Range(1, 36).Select(seq => (long)seq), read);
        Assert.True(Directory.GetFiles(log.Directory).Length >= 3, "the records span several segments");
        Assert.Equal([5L, 6L], log.ReadAfter(4, 2).Select(record => record.Seq)); // an earlier point reads from the segment's start
    }

    [Fact]
    public void AnEmptyJournal_ContinuesAfterTheProjectedSequence()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path);
        log.Initialize();

        using var appender = log.OpenAppender(projectedSeq: 41);

        Assert.Equal(42, appender.Append(Payload(1)));
    }

    [Fact]
    public async Task PreallocatedSegments_HoldTheRecords_AndAppendingResumesAfterTheLastRecord_NotAfterTheZeros()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path, segmentBytes: 8_192, preallocate: true);
        log.Initialize();
        using (var appender = log.OpenAppender(0))
        {
            for (var index = 1; index <= 60; index++)
            {
                await appender.Spare!.Filling.WaitAsync(TestContext.Current.CancellationToken); // every roll finds its spare ready (in production it usually is)
                Assert.Equal(index, appender.Append(LargePayload(index)));
            }
        }

        var segments = Directory.GetFiles(log.Directory, "*.log");
        Assert.True(segments.Length >= 3, $"{segments.Length} segments");
        Assert.All(segments, segment => Assert.Equal(8_192, new FileInfo(segment).Length)); // written into zeros, not grown
        Assert.False(File.Exists(Path.Combine(log.Directory, SegmentSpare.FileName)), "a stopped appender leaves no spare");

        var reopened = new JournalLog(data.Path, segmentBytes: 8_192, preallocate: true);
        reopened.Initialize();
        Assert.Equal(60, reopened.LastSeq());
        using (var appender = reopened.OpenAppender(0))
        {
            Assert.Equal(61, appender.Append(LargePayload(61)));
            await appender.Spare!.Filling.WaitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(62, appender.Append(LargePayload(62))); // rolls early onto the spare
        }

        var all = reopened.ReadAfter(0, 1_000);
        Assert.Equal(Enumerable.Range(1, 62).Select(seq => (long)seq), all.Select(record => record.Seq));
        Assert.All(all, record => Assert.Equal(LargePayload((int)record.Seq), record.Payload));
    }

    [Fact]
    public async Task ATornRecordInAPreallocatedSegment_IsCutAtRecovery()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path, segmentBytes: 8_192, preallocate: true);
        log.Initialize();
        using (var appender = log.OpenAppender(0))
        {
            await appender.Spare!.Filling.WaitAsync(TestContext.Current.CancellationToken);
            appender.Append(Payload(1));
            appender.Append(Payload(2));
            appender.Append(Payload(3));
        }

        // A fourth record torn by a crash, written over the zeros after the third (never acknowledged).
        var segment = Directory.GetFiles(log.Directory, "*.log").Single();
        var end = (3 * 16) + Payload(1).Length + Payload(2).Length + Payload(3).Length;
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            var torn = new byte[40];
            BitConverter.TryWriteBytes(torn, 400);
            BitConverter.TryWriteBytes(torn.AsSpan(8), 4L);
            file.Position = end;
            file.Write(torn);
        }

        var recovered = new JournalLog(data.Path, segmentBytes: 8_192, preallocate: true);
        recovered.Initialize();
        Assert.Equal(3, recovered.LastSeq());
        Assert.Equal(end, new FileInfo(segment).Length);
        using (var appender = recovered.OpenAppender(0))
        {
            Assert.Equal(4, appender.Append(Payload(9)));
        }

        Assert.Equal([1L, 2L, 3L, 4L], recovered.ReadAfter(0, 100).Select(record => record.Seq));
        Assert.Equal(Payload(9), recovered.ReadAfter(3, 1).Single().Payload);
    }

    [Fact]
    public async Task ASpareLeftByACrash_IsNeverReadAsASegment_AndIsReplacedByZeros()
    {
        using var data = new TempDirectory();
        var log = new JournalLog(data.Path, segmentBytes: 8_192, preallocate: true);
        log.Initialize();
        var leftover = Path.Combine(log.Directory, SegmentSpare.FileName);
        File.WriteAllBytes(leftover, [.. Enumerable.Range(0, 5_000).Select(index => (byte)(index % 251 + 1))]);

        Assert.Equal(0, log.LastSeq());
        Assert.Empty(log.ReadAfter(0, 100));
        using var appender = log.OpenAppender(0);
        await appender.Spare!.Filling.WaitAsync(TestContext.Current.CancellationToken);
        appender.Append(Payload(1));

        var segment = File.ReadAllBytes(Directory.GetFiles(log.Directory, "*.log").Single());
        Assert.Equal(8_192, segment.Length);
        Assert.All(segment[(16 + Payload(1).Length)..], value => Assert.Equal(0, value));
        Assert.Equal([1L], log.ReadAfter(0, 100).Select(record => record.Seq));
    }

    private static byte[] LargePayload(int seed) => [.. Payload(seed), .. new byte[200 + seed]];

    private static byte[] Payload(int seed) => [.. Enumerable.Range(0, 100 + seed).Select(index => (byte)(index * seed))];
}
