using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PatentNav.Api.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// Whole-body examples for JSON request schemas. Swashbuckle takes <c>&lt;example&gt;</c> only from properties, and Swagger
/// UI would then compose a body from every property's example — a filter set that matches nothing; a realistic body is
/// more useful to try.
/// </summary>
internal sealed class RequestExamples : ISchemaFilter
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(ClusterParameters)] = """{"q":"锂离子电池 OR 石墨烯 OR 光伏","maxK":12,"wait":0}""",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var json))
        {
            concrete.Examples = [JsonNode.Parse(json)!];
        }
    }
}
