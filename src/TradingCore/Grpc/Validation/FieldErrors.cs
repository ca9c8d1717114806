using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace TradingCore.Grpc.Validation;

/// <summary>
/// Collects field violations of one request. <see cref="ThrowIfAny"/> ends the call with INVALID_ARGUMENT carrying
/// a google.rpc.BadRequest (one violation per field) and a message that lists them, so grpcurl users see them too.
/// A request nested in another (the trade session's "submit.", SubmitOrder's "order.") names its fields with
/// <paramref name="prefix"/>, which is joined to a field's name only when that field is refused: a valid request
/// allocates no field names.
/// </summary>
internal sealed class FieldErrors(string prefix = "")
{
    private List<BadRequest.Types.FieldViolation>? _violations;

    public bool HasErrors => _violations is { Count: > 0 };

    public void Add(string field, string description) =>
        (_violations ??= []).Add(new BadRequest.Types.FieldViolation { Field = prefix + field, Description = description });

    /// <summary>Whether a violation of <paramref name="field"/> is already recorded.</summary>
    public bool Has(string field)
    {
        if (_violations is null)
        {
            return false;
        }

        foreach (var violation in _violations)
        {
            if (violation.Field.Length == prefix.Length + field.Length && violation.Field.StartsWith(prefix, StringComparison.Ordinal) && violation.Field.EndsWith(field, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public void ThrowIfAny()
    {
        if (_violations is not { Count: > 0 } violations)
        {
            return;
        }

        throw Exception(violations);
    }

    public static RpcException Single(string field, string description) =>
        Exception([new BadRequest.Types.FieldViolation { Field = field, Description = description }]);

    /// <summary>The INVALID_ARGUMENT status of the recorded violations (for refusals outside a service call).</summary>
    public Google.Rpc.Status ToStatus() => Status(_violations ?? []);

    private static RpcException Exception(List<BadRequest.Types.FieldViolation> violations) => Status(violations).ToRpcException();

    private static Google.Rpc.Status Status(List<BadRequest.Types.FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations);
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "invalid request: " + string.Join("; ", violations.Select(violation => $"{violation.Field}: {violation.Description}")),
            Details = { Any.Pack(badRequest) },
        };
    }
}
