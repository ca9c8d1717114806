using System.Net.Sockets;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// A terminal's connection read and written with plain blocking calls, never through the runtime's socket event loop:
/// a read waits in the kernel on the calling thread (the session's ingest thread, at its low priority) and is woken
/// by the kernel itself when bytes arrive. Through the event loop each read of a tick flood cost a wake-up of the
/// sockets thread and of a thread-pool worker, both at normal priority, before the ingest thread (docs/benchmarks.md).
/// The async methods complete synchronously: only the ingest thread reads, and a write blocks only while the
/// terminal's receive window is full, for at most <see cref="SendTimeoutMs"/>.
/// </summary>
internal sealed class BlockingSocketStream : Stream
{
    /// <summary>A write to a terminal that does not read gives up after this long (the session then ends).</summary>
    public const int SendTimeoutMs = 10_000;

    private readonly Socket _socket;
    private int _disposed;

    public BlockingSocketStream(Socket socket)
    {
        _socket = socket;
        _socket.Blocking = true;
        _socket.SendTimeout = SendTimeoutMs;
    }

    /// <summary>How long a read waits for bytes before failing with a timeout (0: forever).</summary>
    public int ReadTimeoutMs
    {
        get => _socket.ReceiveTimeout;
        set => _socket.ReceiveTimeout = value;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer) => Receive(buffer);

    public override int Read(byte[] buffer, int offset, int count) => Receive(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Receive(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Send(buffer)..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // A shutdown wakes a read blocked in the kernel (closing the descriptor alone would not), then the close.
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Not connected any more.
            }

            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Receive(Span<byte> buffer)
    {
        try
        {
            return _socket.Receive(buffer);
        }
        catch (SocketException error)
        {
            throw new IOException($"reading from the terminal failed: {error.SocketErrorCode}", error);
        }
        catch (ObjectDisposedException error)
        {
            throw new IOException("the connection was closed", error);
        }
    }

    private int Send(ReadOnlySpan<byte> buffer)
    {
        try
        {
            return _socket.Send(buffer);
        }
        catch (SocketException error)
        {
            throw new IOException($"writing to the terminal failed: {error.SocketErrorCode}", error);
        }
        catch (ObjectDisposedException error)
        {
            throw new IOException("the connection was closed", error);
        }
    }
}
