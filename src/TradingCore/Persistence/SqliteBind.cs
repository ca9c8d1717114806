using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradingCore.Persistence;

/// <summary>
/// SQLite's bind calls for the projector's prepared statements, called directly on the statement's pointer in the
/// e_sqlite3 library that Microsoft.Data.Sqlite loads. Through SQLitePCL every bind took and released a reference on
/// the statement's SafeHandle and crossed a marshalling stub with a GC transition: ~40 binds per order, about 3% of
/// the durable core's CPU at its maximum (docs/benchmarks.md). A bind copies its value (SQLITE_TRANSIENT) and
/// returns at once, never blocking nor calling back, so the GC transition is suppressed. The caller keeps the
/// statement alive for the call (<see cref="PreparedStatement"/> owns it and disposes it only after its last use).
/// </summary>
internal static unsafe partial class SqliteBind
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the value before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    public static int Int64(IntPtr statement, int position, long value) => BindInt64(statement, position, value);

    public static int Null(IntPtr statement, int position) => BindNull(statement, position);

    /// <summary>UTF-8 text (a decimal's digits).</summary>
    public static int Utf8(IntPtr statement, int position, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            return BindText(statement, position, bytes, text.Length, Transient);
        }
    }

    /// <summary>A string as SQLite's UTF-16 text, as Microsoft.Data.Sqlite binds it (an empty string stays text, not NULL).</summary>
    public static int Utf16(IntPtr statement, int position, string text)
    {
        fixed (char* characters = text)
        {
            return BindText16(statement, position, characters, text.Length * sizeof(char), Transient);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl), typeof(CallConvSuppressGCTransition)])]
    private static partial int BindInt64(IntPtr statement, int position, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl), typeof(CallConvSuppressGCTransition)])]
    private static partial int BindNull(IntPtr statement, int position);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl), typeof(CallConvSuppressGCTransition)])]
    private static partial int BindText(IntPtr statement, int position, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text16")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl), typeof(CallConvSuppressGCTransition)])]
    private static partial int BindText16(IntPtr statement, int position, char* text, int byteLength, IntPtr destructor);
}
