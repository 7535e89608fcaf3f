namespace Lanyard.Core;

/// <summary>A value, or the <see cref="Problem"/> that prevented it.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    public bool Succeeded => Problem is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Problem problem) => new(default, problem);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Problem problem) => Fail(problem);
}
