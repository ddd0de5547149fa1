/** Worker thread entry for `grade` (placeholder until the grade issue lands). */
export {};
