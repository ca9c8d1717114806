using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingCore.Tcctl;

/// <summary>One saved connection: server, API key and default account.</summary>
internal sealed class Profile
{
    [JsonPropertyName("address")]
    public string? Address { get; set; }

    [JsonPropertyName("key_id")]
    public string? KeyId { get; set; }

    [JsonPropertyName("secret")]
    public string? Secret { get; set; }

    [JsonPropertyName("account_id")]
    public long? AccountId { get; set; }
}

/// <summary>
/// The profile file: <c>$TCCTL_CONFIG</c>, else <c>~/.config/tcctl/profiles.json</c>. It holds API secrets, so it is
/// written readable by its owner only.
/// </summary>
internal sealed class ProfileStore(string path)
{
    public const string PathVariable = "TCCTL_CONFIG";

    public string Path { get; } = path;

    public static ProfileStore For(CliHost host)
    {
        if (host.Environment(PathVariable) is { Length: > 0 } configured)
        {
            return new ProfileStore(configured);
        }

        var home = host.Environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ProfileStore(System.IO.Path.Combine(home, ".config", "tcctl", "profiles.json"));
    }

    public Profile? Read(string name) => Load().TryGetValue(name, out var profile) ? profile : null;

    public void Save(string name, Profile profile)
    {
        var all = Load();
        all[name] = profile;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var json = JsonSerializer.Serialize(new ProfileFile { Profiles = all }, ProfileJson.Default.ProfileFile);
        using (var stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private Dictionary<string, Profile> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var file = JsonSerializer.Deserialize(File.ReadAllText(Path), ProfileJson.Default.ProfileFile);
        return file?.Profiles ?? [];
    }
}

internal sealed class ProfileFile
{
    [JsonPropertyName("profiles")]
    public Dictionary<string, Profile> Profiles { get; set; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileJson : JsonSerializerContext;
