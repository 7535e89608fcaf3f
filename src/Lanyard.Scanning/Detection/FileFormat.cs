namespace Lanyard.Scanning.Detection;

/// <summary>The syntax a file is written in, as far as assignment detection cares.</summary>
internal enum FileFormat
{
    /// <summary>Unknown or prose: literals may be unquoted.</summary>
    Text,

    /// <summary>Dotenv files: <c>NAME=value</c>.</summary>
    Env,

    Yaml,

    /// <summary>Properties, INI, .npmrc, .pypirc and friends: unquoted literals.</summary>
    Config,

    /// <summary>Shell scripts and Dockerfiles: <c>export NAME=value</c>, <c>ENV NAME=value</c>.</summary>
    Shell,

    Json,

    Xml,

    /// <summary>Programming languages and HCL: a literal is quoted, anything unquoted is an expression.</summary>
    Code,
}
