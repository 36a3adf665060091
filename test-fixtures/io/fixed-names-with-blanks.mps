* A small MIP in fixed-layout MPS whose row, column and set names hold
* blanks, so only the fixed columns read it (the LP/MPS fuzz test reads its
* mutants in readMps' default layout and compares with glpsol --mps).
NAME          BLANKS
ROWS
 N  COST
 L  LIM 1
 G  LIM 2
 E  MY EQN
 L  CAP A
 G  DEM B
 E  BAL C
COLUMNS
    X ONE     COST               1.5   LIM 1               1.
    X ONE     LIM 2               1.   CAP A               2.
    X TWO     COST                2.   LIM 1               1.
    X TWO     MY EQN             -1.   DEM B               3.
    MARKER    'MARKER'                 'INTORG'
    Y ONE     COST               -1.   MY EQN              1.
    Y ONE     BAL C               4.
    Y TWO     COST                3.   CAP A               1.
    Y TWO     BAL C              -2.   DEM B               1.
    MARKER    'MARKER'                 'INTEND'
    Z         COST              0.25   LIM 2              -1.
    Z         BAL C               1.
RHS
    RHS 1     COST              -2.5   LIM 1               4.
    RHS 1     LIM 2               1.   MY EQN              7.
    RHS 1     CAP A              12.   DEM B               2.
    RHS 1     BAL C               3.
RANGES
    RNG 1     LIM 1              2.5   MY EQN             -3.
    RNG 1     DEM B               6.
BOUNDS
 UP BND 1     X ONE               4.
 MI BND 1     X TWO
 UP BND 1     X TWO              10.
 UP BND 1     Y ONE               5.
 LO BND 1     Y TWO               1.
 UP BND 1     Y TWO               6.
 FR BND 1     Z
ENDATA
