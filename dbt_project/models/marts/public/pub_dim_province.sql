-- One row per province (all 34), for the journalists' edition.
select * from {{ ref('dim_province') }}
