// Exact Poisson limits found by bisection, the routine behind PHE funnel plots and Fingertips'
// SPC-for-DSR comparison. It is reproduced step for step because published funnel tables carry
// its values, which differ from exact gamma quantiles by up to about 1e-7 relative.
#pragma once

namespace waymark::stats {

// P(a <= X <= b) for X ~ Poisson(lambda), by summing λᵏ/k! with rescaling at 1e30 and stopping
// once k > λ and a term falls below 1e-10 of the running total.
double PoissonRangeProbability(double lambda, double a, double b);

enum class PoissonSide { kLow, kHigh };

// kLow: the λ with P(X >= observed | λ) = p (the exact lower limit for a one-tail p).
// kHigh: the λ with P(X <= observed | λ) = p (the exact upper limit).
// Bisection over v in (0, 1) with λ = (1 + observed)·v/(1 − v), from v = 0.5, step halving
// while it exceeds 1e-7.
double PoissonBisectionLimit(double observed, double p, PoissonSide side);

}  // namespace waymark::stats
