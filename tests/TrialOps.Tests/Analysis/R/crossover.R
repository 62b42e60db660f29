# The reference side of the analysis tests (issue 12, item 4): the same rows through R.
# Usage: Rscript crossover.R MODE FILE [OPTION]
#   lmm FILE baseline|none  lmerTest::lmer (Satterthwaite) and nlme::lme of
#                           response ~ treatment + period (+ baseline) + (1 | subject), REML
#   ha FILE                 Hills-Armitage and Grizzle: t.test(var.equal = TRUE) on complete subjects
#   paired FILE             McNemar exact (binom.test on discordant pairs) and Newcombe (1998)
#                           method 10 computed here from its published formula
# FILE is a CSV written by the test; output is "name<TAB>value" lines with 17 significant digits.
suppressPackageStartupMessages({
  library(nlme)
  library(lmerTest)
})
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
data <- read.csv(args[2], stringsAsFactors = FALSE)
out <- function(name, value) cat(name, "\t", sprintf("%.17g", value), "\n", sep = "")

if (mode == "lmm") {
  control <- data$treatment[data$control == 1][1]
  others <- sort(setdiff(unique(data$treatment), control), method = "radix")
  data$treatment <- factor(data$treatment, levels = c(control, others))
  data$period <- factor(data$period)
  data$subject <- factor(data$subject)
  formula <- if (args[3] == "baseline") response ~ treatment + period + baseline else response ~ treatment + period
  fit <- lmerTest::lmer(update(formula, . ~ . + (1 | subject)), data = data, REML = TRUE)
  table <- coef(summary(fit, ddf = "Satterthwaite"))
  for (k in seq_len(nrow(table))) {
    estimate <- table[k, "Estimate"]
    se <- table[k, "Std. Error"]
    df <- table[k, "df"]
    out(paste0("lmer.estimate.", k), estimate)
    out(paste0("lmer.se.", k), se)
    out(paste0("lmer.df.", k), df)
    out(paste0("lmer.p.", k), table[k, "Pr(>|t|)"])
    out(paste0("lmer.lower.", k), estimate - qt(0.975, df) * se)
    out(paste0("lmer.upper.", k), estimate + qt(0.975, df) * se)
  }
  components <- as.data.frame(VarCorr(fit))
  out("lmer.subject.variance", components$vcov[components$grp == "subject"])
  out("lmer.residual.variance", components$vcov[components$grp == "Residual"])
  out("lmer.reml", REMLcrit(fit))
  lme_fit <- nlme::lme(formula, random = ~ 1 | subject, data = data, method = "REML",
                       control = nlme::lmeControl(tolerance = 1e-10, msTol = 1e-10))
  lme_table <- summary(lme_fit)$tTable
  for (k in seq_len(nrow(lme_table))) {
    out(paste0("lme.estimate.", k), lme_table[k, "Value"])
    out(paste0("lme.se.", k), lme_table[k, "Std.Error"])
  }
} else if (mode == "ha") {
  complete <- names(which(table(data$subject) == 2))
  data <- data[data$subject %in% complete, ]
  p1 <- data[data$period == 1, ]
  p2 <- data[data$period == 2, ]
  p2 <- p2[match(p1$subject, p2$subject), ]
  first <- p1$treatment != p1$control_name
  difference <- (p1$response - p2$response) / 2
  total <- p1$response + p2$response
  report <- function(name, test) {
    out(paste0(name, ".estimate"), unname(test$estimate[1] - test$estimate[2]))
    out(paste0(name, ".se"), test$stderr)
    out(paste0(name, ".df"), unname(test$parameter))
    out(paste0(name, ".t"), unname(test$statistic))
    out(paste0(name, ".p"), test$p.value)
    out(paste0(name, ".lower"), test$conf.int[1])
    out(paste0(name, ".upper"), test$conf.int[2])
  }
  report("treatment", t.test(difference[first], difference[!first], var.equal = TRUE))
  report("period", t.test(difference[first], -difference[!first], var.equal = TRUE))
  report("carryover", t.test(total[first], total[!first], var.equal = TRUE))
  out("n.first", sum(first))
  out("n.second", sum(!first))
} else if (mode == "paired") {
  for (k in seq_len(nrow(data))) {
    a <- data$both[k]; b <- data$treatment_only[k]; c <- data$control_only[k]; d <- data$neither[k]
    n <- a + b + c + d
    if (b + c > 0) out(paste0("mcnemar.", k), binom.test(b, b + c, 0.5)$p.value)
    z <- qnorm(0.975)
    wilson <- function(x) {
      p <- x / n
      c((2 * n * p + z^2 - z * sqrt(z^2 + 4 * n * p * (1 - p))) / (2 * (n + z^2)),
        (2 * n * p + z^2 + z * sqrt(z^2 + 4 * n * p * (1 - p))) / (2 * (n + z^2)))
    }
    p1 <- (a + b) / n; p2 <- (a + c) / n
    w1 <- wilson(a + b); w2 <- wilson(a + c)
    margins <- (a + b) * (c + d) * (a + c) * (b + d)
    phi <- if (margins == 0) 0 else (a * d - b * c) / sqrt(margins)
    theta <- p1 - p2
    delta <- sqrt((p1 - w1[1])^2 - 2 * phi * (p1 - w1[1]) * (w2[2] - p2) + (w2[2] - p2)^2)
    epsilon <- sqrt((w1[2] - p1)^2 - 2 * phi * (w1[2] - p1) * (p2 - w2[1]) + (p2 - w2[1])^2)
    out(paste0("difference.", k), theta)
    out(paste0("lower.", k), theta - delta)
    out(paste0("upper.", k), theta + epsilon)
  }
} else {
  stop(paste("unknown mode", mode))
}
