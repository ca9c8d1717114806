using System.Buffers;
using System.IO.Pipelines;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>A session's framing: lines cut from the connection's pipe into one reused buffer.</summary>
internal sealed partial class BridgeSession
{
    private enum LineStatus
    {
        Line,
        NeedMore,
        End,
        TooLong,
    }

    /// <summary>
    /// The next line (without its newline) in <see cref="_line"/>, valid until the next call; null at the end. On the
    /// session's thread: blocks while nothing is buffered.
    /// </summary>
    private ReadOnlyMemory<byte>? ReadLine(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = reader.ReadAsync(cancellationToken);
            switch (TakeLine(reader, pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult(), out var line))
            {
                case LineStatus.Line:
                    return line;
                case LineStatus.TooLong:
                    Wait(RefuseAsync($"a line is longer than {_options.MaxLineBytes} bytes"));
                    return null;
                case LineStatus.End:
                    return null;
            }
        }
    }

    /// <summary>Takes one line out of what was read into <see cref="_line"/>, or says why not.</summary>
    private LineStatus TakeLine(PipeReader reader, ReadResult result, out ReadOnlyMemory<byte> line)
    {
        line = default;
        var buffer = result.Buffer;
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            var slice = buffer.Slice(0, end);
            var length = (int)slice.Length;
            if (length > _line.Length)
            {
                _line = new byte[Math.Max(length, _line.Length * 2)];
            }

            slice.CopyTo(_line);
            reader.AdvanceTo(buffer.GetPosition(1, end));
            line = new ReadOnlyMemory<byte>(_line, 0, length > 0 && _line[length - 1] == (byte)'\r' ? length - 1 : length);
            return LineStatus.Line;
        }

        if (buffer.Length > _options.MaxLineBytes)
        {
            reader.AdvanceTo(buffer.End);
            return LineStatus.TooLong;
        }

        if (result.IsCompleted)
        {
            reader.AdvanceTo(buffer.End);
            return LineStatus.End;
        }

        reader.AdvanceTo(buffer.Start, buffer.End);
        return LineStatus.NeedMore;
    }
}
