using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PatentNav.Records;

/// <summary>
/// A JSON property that no member of the target type has — usually a typo (<c>regoin</c> for <c>region</c>) — with the
/// nearest known name. Request records refuse such properties (<see cref="JsonException"/>) instead of ignoring them, so
/// that a typo can never silently widen a filter and change a published figure.
/// </summary>
/// <param name="Path">Where it is: <c>regoin</c>, <c>weights.valeu</c>, <c>[1].nmae</c>, <c>chains[0].rules[1].ipcs</c>.</param>
/// <param name="Name">The unknown property as written.</param>
/// <param name="Suggestion">The nearest known property of the object it is in; null when none is close.</param>
/// <param name="KnownNames">The properties that object accepts, in declaration order.</param>
/// <remarks>
/// "Nearest" is the smallest edit distance (Damerau–Levenshtein: insert, delete, substitute, swap two neighbours;
/// ignoring case) within a third of the name's length (at least 1, at most 3); when none is that close, the longest known
/// name the written one begins with (<c>regionCode</c> → <c>region</c>, <c>query</c> → <c>q</c>). Ties go to the name declared first.
/// </remarks>
public sealed record UnknownJsonProperty(string Path, string Name, string? Suggestion, IReadOnlyList<string> KnownNames)
{
    /// <summary>
    /// The problem in plain words: <c>unknown property 'regoin'; did you mean 'region'?</c>, or with the path when the
    /// property is nested (<c>unknown property 'valeu' at weights.valeu; did you mean 'value'?</c>), or the known names
    /// when none is close.
    /// </summary>
    public string Message
    {
        get
        {
            var at = Path == Name ? string.Empty : $" at {Path}";
            return Suggestion is null
                ? $"unknown property '{Name}'{at}; the known properties are: {string.Join(", ", KnownNames)}"
                : $"unknown property '{Name}'{at}; did you mean '{Suggestion}'?";
        }
    }

    /// <summary>
    /// Recognises the <see cref="JsonException"/> that System.Text.Json throws for an unmapped property
    /// (<see cref="System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow"/>) while reading a
    /// <paramref name="rootType"/>, and finds the property, the object it is in and the nearest known name.
    /// </summary>
    /// <param name="exception">The exception thrown by the deserialiser.</param>
    /// <param name="rootType">The type that was being deserialised.</param>
    /// <param name="options">The options it was deserialised with, e.g. <see cref="PatentJson.Options"/>.</param>
    /// <returns>The unknown property, or null when the exception is about something else (bad syntax, a wrong value).</returns>
    public static UnknownJsonProperty? TryFrom(JsonException exception, Type rootType, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(rootType);
        ArgumentNullException.ThrowIfNull(options);
        if (exception.Path is not { Length: > 1 } path || ParsePath(path) is not { Count: > 0 } segments || segments[^1].Name is not { } name)
        {
            return null;
        }

        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var info = TypeInfo(options, rootType);
        for (var i = 0; i < segments.Count - 1 && info is not null; i++)
        {
            info = Step(options, info, segments[i], comparison);
        }

        if (info is not { Kind: JsonTypeInfoKind.Object })
        {
            return null;
        }

        var known = info.Properties.Select(p => p.Name).ToList();
        if (known.Any(k => string.Equals(k, name, comparison)))
        {
            return null; // a known property with a bad value, not an unknown one
        }

        return new UnknownJsonProperty(Display(segments), name, Nearest(name, known), known);
    }

    /// <summary>The known name nearest to <paramref name="name"/> (see the remarks of <see cref="UnknownJsonProperty"/>), or null when none is close.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="known">The names that would have been accepted, in the order ties are broken.</param>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        var candidates = known.ToList();
        var limit = Math.Clamp(name.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d <= limit && d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return best ?? candidates
            .Where(c => c.Length < name.Length && name.StartsWith(c, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.Length)
            .FirstOrDefault();
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static JsonTypeInfo? TypeInfo(JsonSerializerOptions options, Type type)
    {
        try
        {
            return options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonTypeInfo? Step(JsonSerializerOptions options, JsonTypeInfo info, Segment segment, StringComparison comparison) => info.Kind switch
    {
        JsonTypeInfoKind.Object when segment.Name is { } n =>
            info.Properties.FirstOrDefault(p => string.Equals(p.Name, n, comparison)) is { } property ? TypeInfo(options, property.PropertyType) : null,
        JsonTypeInfoKind.Enumerable when segment.Index is not null => info.ElementType is { } e ? TypeInfo(options, e) : null,
        JsonTypeInfoKind.Dictionary when segment.Name is not null => info.ElementType is { } e ? TypeInfo(options, e) : null,
        _ => null,
    };

    /// <summary>Splits a System.Text.Json path (<c>$.a[0].b</c>, <c>$['odd.name']</c>) into property names and indexes.</summary>
    private static List<Segment>? ParsePath(string path)
    {
        if (path[0] != '$')
        {
            return null;
        }

        var segments = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(new Segment(path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(new Segment(null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    private static string Display(List<Segment> segments)
    {
        var text = new StringBuilder();
        foreach (var s in segments)
        {
            if (s.Index is { } index)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(s.Name);
            }
        }

        return text.ToString();
    }

    private readonly record struct Segment(string? Name, int? Index);
}
