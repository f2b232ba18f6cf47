-- One row per ward or commune (all 3,321), for the journalists' edition.
select * from {{ ref('dim_ward') }}
