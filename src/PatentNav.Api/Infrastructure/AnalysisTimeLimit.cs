using System.Globalization;
using Microsoft.Extensions.Options;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// Bounds the run time of a synchronous search or analysis (PatentNav:AnalysisTimeoutSeconds): the handler's
/// cancellation token is cancelled when the limit passes, and the request is answered 503 ProblemDetails.
/// </summary>
/// <remarks>Reads never change the index, so stopping one half-way loses nothing. A client that disconnects still
/// cancels as before (the limit's token is linked to the request's).</remarks>
internal sealed class AnalysisTimeLimit(IOptions<PatentNavApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var seconds = options.Value.AnalysisTimeoutSeconds;
        if (seconds <= 0)
        {
            return await next(context);
        }

        var original = context.HttpContext.RequestAborted;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(original);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds));
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is CancellationToken)
            {
                context.Arguments[i] = limit.Token;
            }
        }

        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !original.IsCancellationRequested)
        {
            return TypedResults.Problem(
                detail: string.Create(CultureInfo.InvariantCulture, $"The request did not finish within the limit of {seconds:0.###} s (PatentNav:AnalysisTimeoutSeconds); narrow the filters, or use the job endpoints for long analyses."),
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Time limit exceeded");
        }
    }
}
