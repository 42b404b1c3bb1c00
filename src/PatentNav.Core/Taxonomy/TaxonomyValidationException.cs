using PatentNav.Records;

namespace PatentNav.Taxonomy;

/// <summary>One problem in a taxonomy file.</summary>
/// <param name="Path">Where: a JSON path such as <c>chains[0].rules[1].ipc[2]</c>.</param>
/// <param name="Message">What is wrong and what was expected, naming the chain and rule.</param>
public sealed record TaxonomyError(string Path, string Message);

/// <summary>A taxonomy file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class TaxonomyValidationException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public TaxonomyValidationException(IReadOnlyList<TaxonomyError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>The problems, in document order.</summary>
    public IReadOnlyList<TaxonomyError> Errors { get; }

    private static string Describe(IReadOnlyList<TaxonomyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count > 0 ? $"{errors[0].Path}: {errors[0].Message}" : "no details";
        return errors.Count <= 1
            ? "The taxonomy is invalid: " + first
            : $"The taxonomy is invalid ({errors.Count} problems); first: {first}";
    }
}
