namespace Lanyard.Scanning.Detection;

/// <summary>Specificity of a rule, used to keep one finding where several rules match the same span.</summary>
internal enum RulePriority
{
    /// <summary>Keyword plus entropy: the least specific.</summary>
    Generic = 0,

    /// <summary>Structural formats such as connection strings, URIs and registry auth files.</summary>
    Structural = 1,

    /// <summary>A provider's own token format.</summary>
    Provider = 2,
}
