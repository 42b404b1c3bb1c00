using PatentNav.Records;

namespace PatentNav.Taxonomy;

/// <summary>
/// An IPC pattern as the CNIPA SEI–IPC concordance (战略性新兴产业分类与国际专利分类参照关系表) writes it, and as city
/// taxonomies use it.
/// </summary>
/// <remarks>
/// <para>Semantics (Resources/sei-ipc-2021/SOURCE.md, docs/taxonomy.md):</para>
/// <list type="bullet">
/// <item><c>G06F1*</c>: main group G06F 1 and its subgroups, <b>not</b> G06F 11 (a main-group number, not a digit prefix).</item>
/// <item><c>B41J*</c>: the whole subclass; <c>C08*</c> / <c>G16*</c>: the whole class; <c>C*</c>: the whole section.</item>
/// <item><c>G06F9/44</c> (a subgroup without <c>*</c>): exactly that subgroup, <b>not</b> those below it (G06F 9/445),
/// which the table lists separately where it means them.</item>
/// <item><c>G16H</c> or <c>H03M13</c> (a subclass or main group without <c>*</c>): the whole subclass or group.</item>
/// </list>
/// <para>A code coarser than the pattern never matches it: <c>G06F</c> alone matches <c>G06F*</c> but neither
/// <c>G06F1*</c> nor a group-level exclusion; assignments say so in their reason.</para>
/// </remarks>
public readonly record struct IpcPattern
{
    private IpcPattern(string text, string prefix, int? mainGroup, string? subgroup)
    {
        Text = text;
        Prefix = prefix;
        MainGroup = mainGroup;
        Subgroup = subgroup;
    }

    /// <summary>The pattern as written (normalised: upper case, no spaces), e.g. <c>G06F1*</c>.</summary>
    public string Text { get; }

    /// <summary>The section, class or subclass the pattern lies in (<c>C</c>, <c>C08</c>, <c>G06F</c>).</summary>
    public string Prefix { get; }

    /// <summary>The main group, or <c>null</c> for a subclass, class or section pattern.</summary>
    public int? MainGroup { get; }

    /// <summary>The exact subgroup digits (<c>44</c> in <c>G06F9/44</c>), or <c>null</c> when the pattern covers the whole main group.</summary>
    public string? Subgroup { get; }

    /// <summary>The level the pattern is written at.</summary>
    public IpcLevel Level => Prefix.Length switch
    {
        1 => IpcLevel.Section,
        3 => IpcLevel.Class,
        _ when MainGroup is null => IpcLevel.Subclass,
        _ when Subgroup is null => IpcLevel.MainGroup,
        _ => IpcLevel.Subgroup,
    };

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> with the reason on failure.</summary>
    public static IpcPattern Parse(string text) => TryParse(text).Value;

    /// <summary>Parses a pattern (<c>G06F1*</c>, <c>B41J*</c>, <c>C08*</c>, <c>G06F9/44</c>), returning the reason on failure.</summary>
    public static ParseResult<IpcPattern> TryParse(string? text)
    {
        var cleaned = TextNormalizer.Clean(text).ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (cleaned.Length == 0)
        {
            return ParseResult<IpcPattern>.Fail("expected an IPC pattern like G06F1*, B41J*, C08* or G06F9/44, got an empty value");
        }

        var wildcard = cleaned.EndsWith('*');
        var body = wildcard ? cleaned[..^1] : cleaned;
        if (body.Contains('*', StringComparison.Ordinal))
        {
            return ParseResult<IpcPattern>.Fail($"expected an IPC pattern like G06F1*, B41J*, C08* or G06F9/44, got '{text}' ('*' is allowed only at the end)");
        }

        var hasSlash = body.Contains('/', StringComparison.Ordinal);
        if (wildcard && hasSlash)
        {
            return ParseResult<IpcPattern>.Fail($"expected an IPC pattern like G06F1*, B41J*, C08* or G06F9/44, got '{text}' (a subgroup is matched exactly; '*' after a subgroup is not supported — write the main group, e.g. G06F9*)");
        }

        var code = IpcCode.TryParse(body);
        if (!code.Success || body.Length == 0 || !char.IsAsciiLetterUpper(body[0]))
        {
            return ParseResult<IpcPattern>.Fail($"expected an IPC pattern like G06F1*, B41J*, C08* or G06F9/44, got '{text}'" + (code.Success ? string.Empty : $" ({code.Error})"));
        }

        var c = code.Value;
        var prefix = c.Subclass ?? c.Class ?? c.Section;
        if (c.MainGroup is null)
        {
            return ParseResult<IpcPattern>.Ok(new IpcPattern(cleaned, prefix, null, null));
        }

        return ParseResult<IpcPattern>.Ok(new IpcPattern(cleaned, prefix, c.MainGroup, hasSlash ? c.Subgroup : null));
    }

    /// <summary>Whether <paramref name="code"/> lies under this pattern (see the remarks for the semantics).</summary>
    public bool Matches(IpcCode code)
    {
        switch (Prefix.Length)
        {
            case 1:
                return string.Equals(code.Section, Prefix, StringComparison.Ordinal);
            case 3:
                return string.Equals(code.Class, Prefix, StringComparison.Ordinal);
        }

        if (!string.Equals(code.Subclass, Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (MainGroup is null)
        {
            return true;
        }

        return code.MainGroup == MainGroup && (Subgroup is null || string.Equals(code.Subgroup, Subgroup, StringComparison.Ordinal));
    }

    /// <summary>Whether this pattern is finer than <paramref name="code"/> but inside its subclass: the code is too coarse to
    /// decide (a subclass-level code against a group-level pattern).</summary>
    internal bool IsFinerWithin(IpcCode code) =>
        MainGroup is not null && code.MainGroup is null && string.Equals(code.Subclass, Prefix, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
