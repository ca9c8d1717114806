using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TradingCore.Client.Tests;

/// <summary>
/// The C# a bot author copies from docs/clients.md compiles as shown: every <c>csharp</c> block is compiled (Roslyn,
/// in-process) as a program of a `dotnet new console` project (its implicit usings) against what a bot references
/// (the client library, the contract, the .NET and ASP.NET Core frameworks), with the usings the block shows.
/// </summary>
public sealed partial class DocumentedSnippetTests
{
    public static TheoryData<int> Blocks => [.. Enumerable.Range(0, Snippets().Count)];

    [Fact]
    public void TheDocument_HasCSharpBlocks() => Assert.True(Snippets().Count >= 2, "docs/clients.md lost its C# examples");

    [Theory]
    [MemberData(nameof(Blocks))]
    public void ACSharpBlock_CompilesAsShown(int block)
    {
        var code = Snippets()[block];
        var compilation = CSharpCompilation.Create(
            $"Snippet{block}",
            [
                CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken),
                CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken),
            ],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(diagnostic => diagnostic.ToString()).ToList();

        Assert.True(errors.Count == 0, $"block {block} of docs/clients.md does not compile:\n{string.Join('\n', errors)}\n---\n{code}");
    }

    /// <summary>What `dotnet new console` projects import implicitly (ImplicitUsings of Microsoft.NET.Sdk).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static List<string> Snippets()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "clients.md"));
        return [.. CSharpBlock().Matches(text).Select(match => match.Groups[1].Value)];
    }

    /// <summary>Every assembly this test runs with (the client library, the contract, the shared frameworks).</summary>
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        .Select(path => MetadataReference.CreateFromFile(path));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
